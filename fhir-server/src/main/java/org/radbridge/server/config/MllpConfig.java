package org.radbridge.server.config;

import org.radbridge.config.RadBridgeSettings;
import org.radbridge.report.ReportRepository;
import org.radbridge.report.hl7.MllpReportRoute;
import org.radbridge.report.hl7.OruReceiver;
import org.radbridge.report.hl7.OruReportReader;
import org.radbridge.staging.Quarantine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The HL7v2 MLLP receiver of ORU^R01 reports on RADBRIDGE_MLLP_PORT (2575), bound to RADBRIDGE_BIND_ADDRESS. On while
 * the server runs, off for one-shot commands; RADBRIDGE_MLLP_ENABLED=false turns it off. RADBRIDGE_MLLP_ACCESSION_FIELDS
 * (default OBR-3,OBR-18: filler order number, then placer field 1) says where the accession number is,
 * RADBRIDGE_MLLP_PROCESSING_IDS (default P,D,T) which MSH-11 values are taken in.
 */
@Configuration
@ConditionalOnExpression("${radbridge.mllp.enabled:${radbridge.server:false}}")
public class MllpConfig {

    @Bean
    public MllpReportRoute mllpReportRoute(RadBridgeSettings settings, ReportRepository reports, Quarantine quarantine,
                                           @Value("${radbridge.mllp.accession-fields:OBR-3,OBR-18}") String accessionFields,
                                           @Value("${radbridge.mllp.processing-ids:P,D,T}") String processingIds) {
        OruReportReader.Config cfg = new OruReportReader.Config(list(accessionFields), new LinkedHashSet<>(list(processingIds)),
                OruReportReader.Config.DEFAULT.versions(), ZoneId.systemDefault());
        return new MllpReportRoute(settings.bindAddress(), settings.mllpPort(), new OruReceiver(cfg, reports, quarantine));
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
