package org.radbridge.server.dicomweb;

import org.radbridge.deid.Pseudonymizer;
import org.radbridge.deid.dicom.DeidProfile;
import org.radbridge.deid.dicom.DescriptorReviewer;
import org.radbridge.deid.dicom.DicomDeidentifier;
import org.radbridge.map.CurrentMappings;
import org.radbridge.mappings.MappingSet;
import org.radbridge.research.dicomweb.DeidentifiedArchive;
import org.radbridge.server.security.BearerAuthentication;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** The research DICOMweb at /dicomweb: the de-identified archive (profile from RADBRIDGE_DEID_PROFILE) behind researcher tokens. */
@Configuration
public class ResearchDicomWebConfig {

    @Bean
    public DeidentifiedArchive deidentifiedArchive(@Qualifier("radbridgeDataSource") DataSource ds, Pseudonymizer keys, CurrentMappings mappings) {
        DicomDeidentifier deid = new DicomDeidentifier(DeidProfile.fromEnvironment(), keys,
                procedureDescriptions(v -> mappings.resolve("procedure", v, null)),
                version());
        return new DeidentifiedArchive(ds, keys, deid);
    }

    /**
     * Clean Descriptors: a procedure description (Study Description, Requested Procedure Description, Performed
     * Procedure Step Description) survives as the mapping file lists it (a value an interface engineer has read);
     * every other descriptor goes. {@code procedure} resolves a description against mappings/procedure.csv and its rules.
     */
    public static DescriptorReviewer procedureDescriptions(java.util.function.Function<String, MappingSet.Resolution> procedure) {
        return (group, element, value) -> {
            int tag = (group << 16) | element;
            if (tag != 0x00081030 && tag != 0x00321060 && tag != 0x00400254) return null;
            MappingSet.Resolution r = procedure.apply(value);
            if (!r.mapped()) return null;
            return r.match() == MappingSet.Match.DIRECT ? value.strip() : r.key();
        };
    }

    /** RadBridge's version, as exports and audit entries name it. */
    public static String version() {
        String v = ResearchDicomWebConfig.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    @Bean
    public FilterRegistrationBean<org.radbridge.server.security.RoleAccessFilter> dicomWebAccessFilter(BearerAuthentication authentication) {
        FilterRegistrationBean<org.radbridge.server.security.RoleAccessFilter> reg =
                new FilterRegistrationBean<>(org.radbridge.server.security.RoleAccessFilter.researchDicomWeb(authentication));
        reg.addUrlPatterns("/dicomweb/*");
        reg.setName("researchDicomWebAccess");
        return reg;
    }
}
