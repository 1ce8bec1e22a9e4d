package org.radbridge.server.config;

import org.apache.camel.spring.spi.CamelBeanPostProcessor;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationContext;

/**
 * Camel's Spring Boot bean post-processor (bean {@value #BEAN}) looks at every bean the context creates, by reflection
 * over all its fields and methods, for Camel's injection annotations and {@code CamelContextAware}. HAPI FHIR creates
 * several prototype beans per search (the search builder, one SQL predicate builder per parameter, the query
 * executor), so that look ran a few times per request: about 3 % of a search page's CPU. HAPI does not depend on
 * Camel, so its classes can carry neither Camel annotations nor Camel interfaces: this post-processor passes beans of
 * HAPI's packages ({@code ca.uhn.fhir.}) through untouched and treats every other bean as Camel's does (as Camel Spring
 * Boot's own, without {@code @BindToRegistry} support).
 */
public final class CamelSkipsHapiBeans extends CamelBeanPostProcessor {
    static final String BEAN = "camelBeanPostProcessor";

    public CamelSkipsHapiBeans(ApplicationContext context) {
        setApplicationContext(context);
        setBindToRegistrySupported(false);
    }

    static boolean isHapis(Object bean) {
        return bean.getClass().getName().startsWith("ca.uhn.fhir.");
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
        return isHapis(bean) ? bean : super.postProcessBeforeInitialization(bean, beanName);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        return isHapis(bean) ? bean : super.postProcessAfterInitialization(bean, beanName);
    }

    /** Puts this class in place of Camel Spring Boot's post-processor, once every configuration has registered its beans. */
    public static BeanDefinitionRegistryPostProcessor inPlaceOfCamels() {
        return new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                if (!registry.containsBeanDefinition(BEAN)) return;
                RootBeanDefinition d = new RootBeanDefinition(CamelSkipsHapiBeans.class);
                d.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
                registry.removeBeanDefinition(BEAN);
                registry.registerBeanDefinition(BEAN, d);
            }

            @Override
            public void postProcessBeanFactory(org.springframework.beans.factory.config.ConfigurableListableBeanFactory factory) {
            }
        };
    }
}
