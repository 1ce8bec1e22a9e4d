package org.radbridge.report.hl7;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.component.mllp.MllpConfiguration;
import org.apache.camel.component.mllp.MllpEndpoint;
import org.apache.camel.component.mllp.MllpTcpServerConsumer;
import org.apache.camel.component.mllp.internal.TcpSocketConsumerRunnable;

import java.util.Arrays;
import java.util.Map;

/**
 * camel-mllp (4.8) reads the field separator of the received message at byte 3 before it sends the acknowledgement the
 * route set; a frame of fewer than four bytes (a bare {@code MSH}, an empty frame) makes it throw and drop the
 * connection unanswered. This component is camel-mllp with one difference: such a frame is passed on with segment
 * terminators ({@code CR}) appended up to four bytes, which HL7 reads as the end of the segment, so every frame gets
 * the route's acknowledgement. URIs and options are those of {@code mllp:}.
 */
public final class ShortFrameSafeMllpComponent extends MllpComponent {
    public static final String SCHEME = "radbridge-mllp";
    private static final int MIN_FRAME = 4;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        MllpEndpoint endpoint = new Safe(uri, this, hasConfiguration() ? getConfiguration().copy() : new MllpConfiguration());
        endpoint.setCharsetName(getDefaultCharset());
        int colon = remaining.indexOf(':');
        if (colon > 0) {
            endpoint.setHostname(remaining.substring(0, colon));
            endpoint.setPort(Integer.parseInt(remaining.substring(colon + 1)));
        } else {
            endpoint.setPort(Integer.parseInt(remaining));
        }
        setProperties(endpoint, parameters);
        return endpoint;
    }

    private static final class Safe extends MllpEndpoint {
        Safe(String uri, MllpComponent component, MllpConfiguration configuration) {
            super(uri, component, configuration);
        }

        @Override
        public Consumer createConsumer(Processor processor) throws Exception {
            MllpTcpServerConsumer consumer = new MllpTcpServerConsumer(this, processor) {
                @Override
                public void processMessage(byte[] message, TcpSocketConsumerRunnable runnable) {
                    if (message != null && message.length < MIN_FRAME) {
                        byte[] padded = Arrays.copyOf(message, MIN_FRAME);
                        Arrays.fill(padded, message.length, MIN_FRAME, (byte) '\r');
                        message = padded;
                    }
                    super.processMessage(message, runnable);
                }
            };
            configureConsumer(consumer);
            return consumer;
        }
    }
}
