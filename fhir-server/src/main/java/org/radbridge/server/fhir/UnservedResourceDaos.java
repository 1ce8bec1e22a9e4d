package org.radbridge.server.fhir;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Leaves out HAPI FHIR JPA's resource DAO and resource provider beans for the R4 types nothing in RadBridge stores or
 * reads. HAPI's generated configuration declares one DAO and one provider bean for each of the 146 R4 types, and
 * building them (a transactional proxy and its set-up per DAO) was the largest single part of the server's start-up:
 * about 40 % of it by RADBRIDGE_STARTUP_PROFILE. Kept: the types the REST API serves ({@link ServedResourceTypes}) and
 * the ones HAPI's own services look up by type or bean name; not AuditEvent, which has its own table (terminology, validation support, batch jobs,
 * transactions). HAPI's DaoRegistry finds its DAOs among the beans, so the types left out are unknown to it, as they
 * already were to the REST API; HAPI's generated configuration asks the registry before it builds a provider.
 * The system property {@code radbridge.fhir.all-resource-daos=true} keeps all of them (to measure what this saves).
 */
public final class UnservedResourceDaos implements BeanDefinitionRegistryPostProcessor {
    /** Types HAPI's services use themselves, beyond those served. */
    static final Set<String> HAPI_INTERNAL = Set.of("Bundle", "ValueSet", "StructureDefinition", "Questionnaire",
            "ImplementationGuide", "NamingSystem", "Task", "Composition", "Encounter");
    private static final String GENERATED_CONFIG = "ca.uhn.fhir.jpa.config.GeneratedDaoAndResourceProviderConfigR4";
    private static final Pattern BEAN = Pattern.compile("my([A-Z][A-Za-z]+)(?:DaoR4|RpR4)");

    /** The resource types whose DAO and provider beans stay. */
    public static Set<String> kept() {
        Set<String> kept = new HashSet<>(ServedResourceTypes.jpa());
        kept.addAll(HAPI_INTERNAL);
        return kept;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (Boolean.getBoolean("radbridge.fhir.all-resource-daos")) return;
        Set<String> kept = kept();
        for (String name : List.of(registry.getBeanDefinitionNames())) {
            Matcher m = BEAN.matcher(name);
            if (!m.matches() || kept.contains(m.group(1))) continue;
            BeanDefinition def = registry.getBeanDefinition(name);
            if (GENERATED_CONFIG.equals(def.getFactoryBeanName())) registry.removeBeanDefinition(name);
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}
}
