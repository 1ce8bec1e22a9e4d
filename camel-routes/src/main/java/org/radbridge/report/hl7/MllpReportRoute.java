package org.radbridge.report.hl7;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mllp.MllpConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HL7v2 MLLP listener (camel-mllp): each framed message goes to {@link OruReceiver}, whose acknowledgement is
 * sent back on the same connection. Payloads stay bytes so that the receiver decodes them in the character set the
 * message names in MSH-18. Bytes outside an MLLP frame are logged and dropped by camel-mllp, which keeps listening.
 */
public final class MllpReportRoute extends RouteBuilder {
    private static final Logger log = LoggerFactory.getLogger(MllpReportRoute.class);
    /** Largest frame accepted; a 1 MB report is far below it. */
    static final int MAX_FRAME_BYTES = 32 * 1024 * 1024;

    private final String host;
    private final int port;
    private final OruReceiver receiver;

    public MllpReportRoute(String host, int port, OruReceiver receiver) {
        this.host = host;
        this.port = port;
        this.receiver = receiver;
    }

    @Override
    public void configure() {
        log.info("HL7v2 MLLP receiver for ORU^R01 reports on {}:{}", host, port);
        if (getContext().hasComponent(ShortFrameSafeMllpComponent.SCHEME) == null) {
            ShortFrameSafeMllpComponent mllp = new ShortFrameSafeMllpComponent();
            // set here rather than in the URI: the subclassed endpoint has no generated configurer for nested options
            org.apache.camel.component.mllp.MllpConfiguration configuration = new org.apache.camel.component.mllp.MllpConfiguration();
            configuration.setMaxBufferSize(MAX_FRAME_BYTES);
            mllp.setConfiguration(configuration);
            getContext().addComponent(ShortFrameSafeMllpComponent.SCHEME, mllp);
        }
        fromF(ShortFrameSafeMllpComponent.SCHEME + "://%s:%d?stringPayload=false&hl7Headers=false&validatePayload=false&maxConcurrentConsumers=16"
                + "&bindTimeout=10000", host, port)
                .routeId("mllp-reports")
                .process(exchange -> {
                    byte[] raw = exchange.getIn().getBody(byte[].class);
                    String remote = exchange.getIn().getHeader(MllpConstants.MLLP_REMOTE_ADDRESS, String.class);
                    byte[] ack;
                    try {
                        ack = receiver.receive(raw == null ? new byte[0] : raw, remote).ack();
                    } catch (RuntimeException | Error e) {
                        // the receiver answers everything itself; this is the last guard so that no frame goes unanswered
                        log.error("HL7 frame from {}: no acknowledgement could be built ({}); answering AR", remote, e.toString());
                        ack = Hl7Acks.minimal(null, "AR", "internal error; send it again later");
                    }
                    exchange.setProperty(MllpConstants.MLLP_ACKNOWLEDGEMENT, ack);
                    exchange.getIn().setBody(ack);
                });
    }
}
