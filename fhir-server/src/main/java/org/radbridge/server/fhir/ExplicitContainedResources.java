package org.radbridge.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * HAPI's parser, by default, walks every reference of every resource it encodes looking for a target object that has
 * no id, to move it into {@code contained} ({@code ParserOptions.autoContainReferenceTargetsWithNoId}). That convenience
 * is for code that builds resources in memory with {@code Reference.setResource(r)}; resources read from the database
 * or received as JSON carry their contained resources explicitly ({@code Resource.contained}, referenced as
 * {@code "#id"}), and those are encoded the same with the walk off. The walk cost about a tenth of the request CPU of a
 * page of 50 studies. RadBridge's builders reference by URL only, so it is off on the server's FhirContext unless
 * {@code radbridge.fhir.auto-contain-references} (RADBRIDGE_FHIR_AUTO_CONTAIN_REFERENCES) is true. With it off, an
 * in-memory reference target without id is not contained on encode (nor by HAPI's indexing clean-up): such code must
 * add the resource to {@code contained} and reference it as {@code "#id"} itself.
 */
public final class ExplicitContainedResources {
    private ExplicitContainedResources() {}

    /** Applies {@code autoContain} to every FhirContext bean as it is built, before anything parses or encodes with it. */
    public static BeanPostProcessor applying(boolean autoContain) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof FhirContext ctx) ctx.getParserOptions().setAutoContainReferenceTargetsWithNoId(autoContain);
                return bean;
            }
        };
    }
}
