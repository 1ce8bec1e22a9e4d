package org.radbridge.server.config;

import org.radbridge.config.RadBridgeSettings;
import org.radbridge.dicom.net.StoreScp;
import org.radbridge.report.ReportRepository;
import org.radbridge.source.SpoolStager;
import org.radbridge.staging.Quarantine;
import org.radbridge.staging.StagingRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The DICOM C-STORE receiver (AE RADBRIDGE on RADBRIDGE_DICOM_PORT, bound to RADBRIDGE_BIND_ADDRESS), staging each
 * pushed instance before it is acknowledged. On while the server runs (serve, demo), off for one-shot commands;
 * RADBRIDGE_DICOM_RECEIVER_ENABLED=false turns it off. Allow-lists: RADBRIDGE_DICOM_ALLOWED_AETS and RADBRIDGE_DICOM_ALLOWED_HOSTS (comma-separated;
 * empty = any calling AE / loopback only).
 */
@Configuration
@ConditionalOnExpression("${radbridge.dicom.receiver.enabled:${radbridge.server:false}}")
public class DicomNetworkConfig {

    @Bean(initMethod = "start", destroyMethod = "close")
    public StoreScp storeScp(RadBridgeSettings settings, StagingRepository staging, ReportRepository reports, Quarantine quarantine,
                             @Value("${radbridge.dicom.ae-title:RADBRIDGE}") String aeTitle,
                             @Value("${radbridge.dicom.allowed-aets:}") String allowedAets,
                             @Value("${radbridge.dicom.allowed-hosts:127.0.0.1,::1}") String allowedHosts) throws Exception {
        StoreScp.Config cfg = new StoreScp.Config(aeTitle, settings.bindAddress(), settings.dicomPort(), settings.dataDir().resolve("spool"),
                list(allowedAets), list(allowedHosts), 8);
        return new StoreScp(cfg, new SpoolStager(staging, reports, quarantine, SpoolStager.SOURCE));
    }

    private static Set<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
