package org.radbridge.server.config;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class CamelSkipsHapiBeansTest {

    /** A bean of ours that asks Camel for its context. */
    static final class WantsCamel implements CamelContextAware {
        CamelContext camel;
        @Override public void setCamelContext(CamelContext c) { camel = c; }
        @Override public CamelContext getCamelContext() { return camel; }
    }

    @Test
    void hapisBeansPassUntouchedOthersGetCamelsInjection() throws Exception {
        try (GenericApplicationContext spring = new GenericApplicationContext(); CamelContext camel = new DefaultCamelContext()) {
            spring.refresh();
            CamelSkipsHapiBeans p = new CamelSkipsHapiBeans(spring);
            p.setCamelContext(camel);

            WantsCamel ours = new WantsCamel();
            assertThat(p.postProcessBeforeInitialization(ours, "ours")).isSameAs(ours);
            assertThat(p.postProcessAfterInitialization(ours, "ours")).isSameAs(ours);
            assertThat(ours.camel).as("Camel's injection still reaches other beans").isSameAs(camel);

            Object hapis = new ca.uhn.fhir.util.StopWatch();
            assertThat(CamelSkipsHapiBeans.isHapis(hapis)).isTrue();
            assertThat(CamelSkipsHapiBeans.isHapis(ours)).isFalse();
            assertThat(p.postProcessBeforeInitialization(hapis, "stopWatch")).isSameAs(hapis);
            assertThat(p.postProcessAfterInitialization(hapis, "stopWatch")).isSameAs(hapis);
        }
    }

    @Test
    void itTakesThePlaceOfCamelsPostProcessorWhenThereIsOne() {
        DefaultListableBeanFactory registry = new DefaultListableBeanFactory();
        CamelSkipsHapiBeans.inPlaceOfCamels().postProcessBeanDefinitionRegistry(registry);
        assertThat(registry.containsBeanDefinition(CamelSkipsHapiBeans.BEAN)).as("no Camel, nothing added").isFalse();

        registry.registerBeanDefinition(CamelSkipsHapiBeans.BEAN, new RootBeanDefinition(Object.class));
        CamelSkipsHapiBeans.inPlaceOfCamels().postProcessBeanDefinitionRegistry(registry);
        assertThat(registry.getBeanDefinition(CamelSkipsHapiBeans.BEAN).getBeanClassName()).isEqualTo(CamelSkipsHapiBeans.class.getName());
    }
}
