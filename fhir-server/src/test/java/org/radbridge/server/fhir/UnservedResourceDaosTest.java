package org.radbridge.server.fhir;

import ca.uhn.fhir.jpa.config.GeneratedDaoAndResourceProviderConfigR4;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ConfigurationClassPostProcessor;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the bean definitions of HAPI's own generated R4 configuration (read, not instantiated). */
class UnservedResourceDaosTest {

    private static DefaultListableBeanFactory hapiDefinitions() {
        DefaultListableBeanFactory f = new DefaultListableBeanFactory();
        // named as Spring names an @Import-ed configuration
        f.registerBeanDefinition(GeneratedDaoAndResourceProviderConfigR4.class.getName(),
                new RootBeanDefinition(GeneratedDaoAndResourceProviderConfigR4.class));
        ConfigurationClassPostProcessor p = new ConfigurationClassPostProcessor();
        p.setEnvironment(new StandardEnvironment());
        p.setResourceLoader(new DefaultResourceLoader());
        p.postProcessBeanDefinitionRegistry(f);
        return f;
    }

    private static List<String> named(DefaultListableBeanFactory f, String suffix) {
        return Arrays.stream(f.getBeanDefinitionNames()).filter(n -> n.startsWith("my") && n.endsWith(suffix)).sorted().toList();
    }

    @Test
    void keepsTheDaoAndProviderOfEveryTypeUsedAndLeavesOutTheRest() {
        DefaultListableBeanFactory f = hapiDefinitions();
        assertThat(named(f, "DaoR4")).as("HAPI's generated configuration, before").hasSizeGreaterThan(140)
                .contains("myAccountDaoR4", "myImagingStudyDaoR4");
        // a bean of the same name pattern from elsewhere is not HAPI's generated one and stays
        f.registerBeanDefinition("myOtherDaoR4", new RootBeanDefinition(Object.class));

        new UnservedResourceDaos().postProcessBeanDefinitionRegistry(f);

        List<String> expectedDaos = UnservedResourceDaos.kept().stream().map(t -> "my" + t + "DaoR4").sorted().toList();
        List<String> daos = named(f, "DaoR4");
        assertThat(daos).as("each kept type exists in R4 and keeps its DAO").containsAll(expectedDaos)
                .contains("myOtherDaoR4").hasSize(expectedDaos.size() + 1);
        assertThat(named(f, "RpR4")).containsExactlyElementsOf(
                UnservedResourceDaos.kept().stream().map(t -> "my" + t + "RpR4").sorted().toList());
        assertThat(f.containsBeanDefinition("myAccountDaoR4")).isFalse();
        assertThat(f.containsBeanDefinition("myResourceProvidersR4")).as("the factory that asks the registry").isTrue();
        assertThat(UnservedResourceDaos.kept()).containsAll(ServedResourceTypes.jpa()).doesNotContain("AuditEvent");
    }

    @Test
    void keepsAllWhenAskedTo() {
        DefaultListableBeanFactory f = hapiDefinitions();
        int before = f.getBeanDefinitionCount();
        System.setProperty("radbridge.fhir.all-resource-daos", "true");
        try {
            new UnservedResourceDaos().postProcessBeanDefinitionRegistry(f);
        } finally {
            System.clearProperty("radbridge.fhir.all-resource-daos");
        }
        assertThat(f.getBeanDefinitionCount()).isEqualTo(before);
    }
}
