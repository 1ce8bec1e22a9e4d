package org.radbridge.server.fhir;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.data.repository.history.RevisionRepository;
import org.springframework.util.ClassUtils;

import java.util.List;

/**
 * Builds HAPI FHIR JPA's Spring Data repositories with {@link DeferredQueryRepositoryFactoryBean}, so that their queries
 * are prepared when first run rather than all at start-up. HAPI declares them with Spring Data Envers' factory bean,
 * which adds revision queries to the repositories that ask for them (a {@code RevisionRepository}, HAPI's MDM links):
 * those keep it. Only repositories of HAPI's {@code ca.uhn.fhir.jpa.dao.data} package are changed.
 * {@code radbridge.fhir.deferred-repository-queries=false} prepares them all at start-up, as Spring Data does.
 */
public final class DeferredRepositoryQueries implements BeanDefinitionRegistryPostProcessor, BeanClassLoaderAware {
    static final String HAPI_FACTORY = "org.springframework.data.envers.repository.support.EnversRevisionRepositoryFactoryBean";
    private static final String HAPI_REPOSITORIES = "ca.uhn.fhir.jpa.dao.data.";
    private ClassLoader classLoader = ClassUtils.getDefaultClassLoader();

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if ("false".equals(System.getProperty("radbridge.fhir.deferred-repository-queries"))) return;
        for (String name : List.of(registry.getBeanDefinitionNames())) {
            BeanDefinition def = registry.getBeanDefinition(name);
            if (!HAPI_FACTORY.equals(def.getBeanClassName()) || !(def instanceof AbstractBeanDefinition bean)) continue;
            String repository = repositoryInterface(def);
            if (repository == null || !repository.startsWith(HAPI_REPOSITORIES) || isRevisionRepository(repository)) continue;
            bean.setBeanClass(DeferredQueryRepositoryFactoryBean.class);
        }
    }

    private static String repositoryInterface(BeanDefinition def) {
        ConstructorArgumentValues.ValueHolder arg = def.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
        if (arg == null) return null;
        Object v = arg.getValue();
        return v instanceof Class<?> c ? c.getName() : v instanceof String s ? s : null;
    }

    private boolean isRevisionRepository(String name) {
        try {
            return RevisionRepository.class.isAssignableFrom(ClassUtils.forName(name, classLoader));
        } catch (ClassNotFoundException | LinkageError e) {
            return true; // unknown: left as HAPI declares it
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}
}
