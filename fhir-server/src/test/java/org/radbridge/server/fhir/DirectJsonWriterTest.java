package org.radbridge.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DirectWriteJsonParser;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.JsonParser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server context's JSON parser writes the characters HAPI's parser writes, for resources with every kind of JSON
 * value HAPI emits (strings needing escapes, decimals of any scale and exponent, integers, booleans, primitive
 * extensions, contained resources, narrative, meta), compact and pretty, with {@code _summary} and {@code _elements};
 * and it does not flush the writer under it per value (HAPI's writer flushed it after every value).
 */
class DirectJsonWriterTest {
    private static final FhirContext HAPI = FhirContext.forR4Cached();
    private static final ServerFhirContext SERVER = new ServerFhirContext();

    private static final String AWKWARD = "quote \" backslash \\ slash / </script> tab \t newline \n cr \r nul \u0000 bell \u0007 "
            + "del \u007f nbsp \u00a0 ü ß 中文 emoji \uD83D\uDE00 lone surrogate \uD800 ls \u2028 ps \u2029 bom \uFEFF";

    private static List<IBaseResource> resources() {
        Patient patient = new Patient();
        patient.setId("p1");
        patient.getMeta().setVersionId("3").setLastUpdated(new Date(1_765_000_000_123L)).addTag("urn:t", "c", AWKWARD).addProfile("http://x/p");
        patient.setActive(true);
        patient.setDeceased(new BooleanType(false));
        patient.addName().setFamily(AWKWARD).addGiven("Ann").addGiven(null);
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.getGenderElement().setId("g1").addExtension("http://x/e", new StringType("on a primitive"));
        patient.setMultipleBirth(new IntegerType(2));
        patient.getText().setStatus(Narrative.NarrativeStatus.GENERATED).setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>a &amp; b &lt; c \u00e9</p></div>");

        Observation obs = new Observation();
        obs.setId("o1");
        obs.setStatus(Observation.ObservationStatus.FINAL);
        obs.setCode(new CodeableConcept(new Coding("http://loinc.org", "1-8", AWKWARD)));
        obs.setValue(new Quantity().setValueElement(new DecimalType(new BigDecimal("0.10"))).setUnit("mm"));
        obs.addComponent().setValue(new Quantity().setValueElement(new DecimalType("1.0E+3")));
        obs.addComponent().setValue(new Quantity().setValueElement(new DecimalType("-123456789012345678901234567890.000000001")));
        obs.addComponent().setValue(new Quantity().setValueElement(new DecimalType("1e-7")));
        obs.addComponent().setValue(new Quantity().setValueElement(new DecimalType(0)));
        obs.addComponent().setValue(new IntegerType(Integer.MIN_VALUE));
        obs.addComponent().setValue(new BooleanType(false));
        obs.addComponent().setValue(new DateTimeType("2026-12-07T20:13:03.120+01:00"));
        obs.addExtension(new Extension("http://x/u", new UnsignedIntType(Integer.MAX_VALUE)));
        obs.addExtension(new Extension("http://x/d", new DecimalType(3.14159)));
        Patient contained = new Patient();
        contained.setId("c1");
        contained.addName().setText("contained");
        obs.addContained(contained);
        obs.setSubject(new Reference("#c1"));

        ImagingStudy study = new ImagingStudy();
        study.setId("s1");
        study.getMeta().setVersionId("1").setLastUpdated(new Date(1_765_000_000_000L));
        study.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        study.addIdentifier().setSystem("urn:dicom:uid").setValue("urn:oid:1.2.3.4");
        study.setStartedElement(new DateTimeType("2026-11-30T08:15:00Z"));
        study.setNumberOfSeries(1);
        study.setNumberOfInstances(12);
        study.addModality(new Coding("http://dicom.nema.org/resources/ontology/DCM", "CT", null));
        study.addSeries().setUid("1.2.3.4.5").setNumber(1).setNumberOfInstances(12).addInstance().setUid("1.2.3.4.5.6").setNumber(1);
        study.setSubject(new Reference("Patient/p1"));

        Binary binary = new Binary();
        binary.setId("b1");
        binary.setContentType("text/plain");
        binary.setData(AWKWARD.getBytes(StandardCharsets.UTF_8));

        Bundle bundle = new Bundle();
        bundle.setId("bundle1");
        bundle.setType(Bundle.BundleType.SEARCHSET);
        bundle.setTotal(3);
        bundle.getMeta().setLastUpdatedElement(new InstantType("2026-12-07T20:13:03.123Z"));
        bundle.addLink().setRelation("next").setUrl("http://h/fhir?_getpages=x&_offset=50&x=" + AWKWARD);
        for (IBaseResource r : List.of(patient, obs, study, binary)) {
            Bundle.BundleEntryComponent e = bundle.addEntry().setFullUrl("http://h/fhir/" + r.getIdElement().getIdPart()).setResource((org.hl7.fhir.r4.model.Resource) r);
            e.getSearch().setMode(Bundle.SearchEntryMode.MATCH).setScoreElement(new DecimalType("1.00"));
        }
        return List.of(patient, obs, study, binary, bundle);
    }

    private interface Options {
        void apply(IParser parser);
    }

    private static void sameAsHapis(Options options) {
        for (IBaseResource r : resources()) {
            IParser hapi = HAPI.newJsonParser();
            IParser server = SERVER.newJsonParser();
            options.apply(hapi);
            options.apply(server);
            assertThat(server.encodeResourceToString(r)).isEqualTo(hapi.encodeResourceToString(r));
        }
    }

    @Test
    void writesTheCharactersHapiWrites() {
        assertThat(SERVER.newJsonParser()).isInstanceOf(DirectWriteJsonParser.class);
        sameAsHapis(p -> { });
        sameAsHapis(p -> p.setPrettyPrint(true));
        sameAsHapis(p -> p.setPrettyPrint(true).setPrettyPrint(false));
        sameAsHapis(p -> p.setSummaryMode(true));
        sameAsHapis(p -> p.setEncodeElements(Set.of("Patient.name", "Observation.value", "ImagingStudy.series", "Bundle.entry")));
        sameAsHapis(p -> p.setOmitResourceId(true).setStripVersionsFromReferences(false));
        sameAsHapis(p -> p.setSuppressNarratives(true));
        assertThat(SERVER.newJsonParser().encodeToString(new Coding("s", "c", AWKWARD))).isEqualTo(HAPI.newJsonParser().encodeToString(new Coding("s", "c", AWKWARD)));
    }

    @Test
    void readsAsHapiReads() {
        String json = SERVER.newJsonParser().encodeResourceToString(resources().get(4));
        IParser hapi = HAPI.newJsonParser();
        assertThat(hapi.encodeResourceToString(SERVER.newJsonParser().parseResource(json))).isEqualTo(hapi.encodeResourceToString(hapi.parseResource(json)));
    }

    @Test
    void flushesOnlyAtTheEnd() throws Exception {
        int[] flushes = {0};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Writer counting = new OutputStreamWriter(bytes, StandardCharsets.UTF_8) {
            @Override
            public void flush() throws java.io.IOException {
                flushes[0]++;
                super.flush();
            }

            @Override
            public void close() {
                throw new AssertionError("the writer is the caller's to close");
            }
        };
        Bundle bundle = (Bundle) resources().get(4);
        SERVER.newJsonParser().encodeResourceToWriter(bundle, counting);
        assertThat(flushes[0]).isEqualTo(1);
        ByteArrayOutputStream hapis = new ByteArrayOutputStream();
        Writer plain = new OutputStreamWriter(hapis, StandardCharsets.UTF_8);
        HAPI.newJsonParser().encodeResourceToWriter(bundle, plain);
        plain.flush();
        assertThat(bytes.toByteArray()).isEqualTo(hapis.toByteArray());
    }

    @Test
    void leavesOtherParsersAlone() {
        IParser other = new JsonParser(HAPI, null) {
        };
        assertThat(DirectWriteJsonParser.of(other)).isSameAs(other);
    }
}
