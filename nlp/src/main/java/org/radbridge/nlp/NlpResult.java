package org.radbridge.nlp;

import java.util.List;

/**
 * The NLP result of one report.
 *
 * @param reportId  report id given to {@link RadiologyNlp#analyze(String, String)}
 * @param mentions  finding mentions in text order
 * @param biRads    BI-RADS category stated in the report ("0".."6", "4A".."4C"), or null
 * @param lungRads  Lung-RADS category stated in the report ("0".."4X", optional "S" modifier), or null
 * @param impression text of the impression section(s), or null (for DiagnosticReport.conclusion)
 */
public record NlpResult(String reportId, List<FindingMention> mentions, String biRads, String lungRads,
                        String impression) {
}
