package org.radbridge.server.fhir;

import ca.uhn.fhir.jpa.config.JpaConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ConfigurationClassPostProcessor;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the repository bean definitions HAPI's own JPA configuration declares (read, not instantiated). */
class DeferredRepositoryQueriesTest {

    private static DefaultListableBeanFactory hapiDefinitions() {
        DefaultListableBeanFactory f = new DefaultListableBeanFactory();
        f.registerBeanDefinition(JpaConfig.class.getName(), new RootBeanDefinition(JpaConfig.class));
        ConfigurationClassPostProcessor p = new ConfigurationClassPostProcessor();
        p.setEnvironment(new StandardEnvironment());
        p.setResourceLoader(new DefaultResourceLoader());
        p.postProcessBeanDefinitionRegistry(f);
        return f;
    }

    /** repository interface -> factory bean class, for HAPI's repositories */
    private static Map<String, String> repositories(DefaultListableBeanFactory f) {
        Map<String, String> m = new TreeMap<>();
        for (String name : f.getBeanDefinitionNames()) {
            BeanDefinition d = f.getBeanDefinition(name);
            var arg = d.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
            if (arg != null && String.valueOf(arg.getValue()).startsWith("ca.uhn.fhir.jpa.dao.data."))
                m.put(String.valueOf(arg.getValue()), d.getBeanClassName());
        }
        return m;
    }

    @Test
    void hapisRepositoriesPrepareTheirQueriesWhenFirstRunExceptTheRevisionRepository() {
        DefaultListableBeanFactory f = hapiDefinitions();
        Map<String, String> before = repositories(f);
        assertThat(before).as("HAPI's repositories, as HAPI declares them").hasSizeGreaterThan(40)
                .containsEntry("ca.uhn.fhir.jpa.dao.data.IResourceLinkDao", DeferredRepositoryQueries.HAPI_FACTORY);
        // a repository of another package keeps its factory
        f.registerBeanDefinition("otherRepository", BeanDefinitionBuilder.genericBeanDefinition(DeferredRepositoryQueries.HAPI_FACTORY)
                .addConstructorArgValue("org.example.OtherRepository").getBeanDefinition());

        new DeferredRepositoryQueries().postProcessBeanDefinitionRegistry(f);

        Map<String, String> after = repositories(f);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((repository, factory) -> assertThat(factory).as(repository).isEqualTo(
                repository.equals("ca.uhn.fhir.jpa.dao.data.IMdmLinkJpaRepository")
                        ? DeferredRepositoryQueries.HAPI_FACTORY : DeferredQueryRepositoryFactoryBean.class.getName()));
        assertThat(f.getBeanDefinition("otherRepository").getBeanClassName()).isEqualTo(DeferredRepositoryQueries.HAPI_FACTORY);
    }

    @Test
    void preparesThemAtStartUpWhenAskedTo() {
        DefaultListableBeanFactory f = hapiDefinitions();
        Map<String, String> before = repositories(f);
        System.setProperty("radbridge.fhir.deferred-repository-queries", "false");
        try {
            new DeferredRepositoryQueries().postProcessBeanDefinitionRegistry(f);
        } finally {
            System.clearProperty("radbridge.fhir.deferred-repository-queries");
        }
        assertThat(repositories(f)).isEqualTo(before);
        assertThat(Arrays.stream(f.getBeanDefinitionNames()).map(f::getBeanDefinition)
                .noneMatch(d -> DeferredQueryRepositoryFactoryBean.class.getName().equals(d.getBeanClassName()))).isTrue();
    }
}
