package org.radbridge.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.jpa.config.r4.FhirContextR4Config;
import ca.uhn.fhir.narrative.INarrativeGenerator;
import ca.uhn.fhir.parser.DirectWriteJsonParser;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.IVersionSpecificBundleFactory;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;

import java.util.ArrayList;
import java.util.List;

/**
 * The FHIR R4 context of RadBridge's server (HAPI's primary context, bean {@value #BEAN}), built as HAPI builds it
 * ({@code FhirContext.forR4()} with HAPI's narrative generator, if any, and HAPI's {@link FhirContextR4Config#configureFhirContext}),
 * whose bundle factories leave out the reference walk that cannot include anything ({@link IncludeWalkOnlyWhenAsked}).
 * The skip is scoped: only while HAPI's bundle factory adds resources without includes, on that thread, does
 * {@link #newTerser()} give a terser that finds no references; everything else gets HAPI's terser. Its JSON parsers
 * write compact JSON without a flush per value ({@link DirectJsonWriter}): the same characters, less CPU.
 */
public final class ServerFhirContext extends FhirContext {
    static final String BEAN = "primaryFhirContext";

    private final ThreadLocal<Boolean> noReferenceWalk = new ThreadLocal<>();

    public ServerFhirContext() {
        super(FhirVersionEnum.R4);
    }

    @Override
    public IVersionSpecificBundleFactory newBundleFactory() {
        return new IncludeWalkOnlyWhenAsked(super.newBundleFactory(), this);
    }

    @Override
    public IParser newJsonParser() {
        return DirectWriteJsonParser.of(super.newJsonParser());
    }

    @Override
    public FhirTerser newTerser() {
        return noReferenceWalk.get() == null ? super.newTerser() : new NoReferences(this);
    }

    void withoutReferenceWalk(Runnable action) {
        noReferenceWalk.set(Boolean.TRUE);
        try {
            action.run();
        } finally {
            noReferenceWalk.remove();
        }
    }

    /** A terser whose walk for references finds none (used only for the walk of a bundle without includes). */
    private static final class NoReferences extends FhirTerser {
        NoReferences(FhirContext context) {
            super(context);
        }

        @Override
        public List<ResourceReferenceInfo> getAllResourceReferences(IBaseResource resource) {
            return new ArrayList<>();
        }
    }

    /** HAPI's bean method for its primary R4 context, with this class in place of {@link FhirContext}. */
    public static FhirContext primary(ObjectProvider<INarrativeGenerator> narratives) {
        ServerFhirContext ctx = new ServerFhirContext();
        INarrativeGenerator narrative = narratives.getIfAvailable();
        if (narrative != null) ctx.setNarrativeGenerator(narrative);
        FhirContextR4Config.configureFhirContext(ctx);
        return ctx;
    }

    /** Puts {@link #primary} in place of HAPI's bean {@value #BEAN}, keeping its other settings (it is the primary context). */
    public static BeanDefinitionRegistryPostProcessor inPlaceOfHapis() {
        return new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                if (!registry.containsBeanDefinition(BEAN)) return;
                BeanDefinition hapis = registry.getBeanDefinition(BEAN);
                RootBeanDefinition d = new RootBeanDefinition(ServerFhirContext.class);
                d.setFactoryMethodName("primary");
                d.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
                d.setPrimary(hapis.isPrimary());
                d.setLazyInit(hapis.isLazyInit());
                d.setDependsOn(hapis.getDependsOn());
                d.setRole(hapis.getRole());
                registry.removeBeanDefinition(BEAN);
                registry.registerBeanDefinition(BEAN, d);
            }

            @Override
            public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) {
            }
        };
    }
}
