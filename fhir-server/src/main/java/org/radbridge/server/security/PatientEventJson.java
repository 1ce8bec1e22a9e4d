package org.radbridge.server.security;

/**
 * The JSON of one event of a {@link PatientAuditEvents} as a template for the others: they differ only in the event's
 * id and its patient entity's reference, so the JSON HAPI wrote for the first, with those two values replaced, is the
 * JSON HAPI would write for each of the others (same elements, same order). Encoding an AuditEvent with HAPI costs
 * ~70 µs; this costs a string copy. Only plain values are put in (printable ASCII without quote or backslash, which
 * JSON writes as they are), and only where each value of the first event occurs exactly once as a whole JSON string;
 * otherwise {@link #of} and {@link #with} answer null and the caller encodes the event itself.
 */
final class PatientEventJson {
    private final String beforeId;
    private final String betweenIdAndPatient;
    private final String afterPatient;

    private PatientEventJson(String beforeId, String betweenIdAndPatient, String afterPatient) {
        this.beforeId = beforeId;
        this.betweenIdAndPatient = betweenIdAndPatient;
        this.afterPatient = afterPatient;
    }

    /** The template, or null if the first event's id or patient reference cannot be found once each, id first. */
    static PatientEventJson of(String json, String id, String patient) {
        if (!plain(id) || !plain(patient)) return null;
        String idField = "\"id\":\"" + id + "\"";
        String patientField = "\"reference\":\"" + patient + "\"";
        int i = onlyOccurrence(json, idField);
        int p = onlyOccurrence(json, patientField);
        if (i < 0 || p < 0 || p < i + idField.length()) return null;
        int idStart = i + "\"id\":\"".length();
        int patientStart = p + "\"reference\":\"".length();
        return new PatientEventJson(json.substring(0, idStart), json.substring(idStart + id.length(), patientStart),
                json.substring(patientStart + patient.length()));
    }

    /** The JSON of the event with this id and patient, or null if either is not a plain value. */
    String with(String id, String patient) {
        if (!plain(id) || !plain(patient)) return null;
        return new StringBuilder(beforeId.length() + betweenIdAndPatient.length() + afterPatient.length() + id.length() + patient.length())
                .append(beforeId).append(id).append(betweenIdAndPatient).append(patient).append(afterPatient).toString();
    }

    private static int onlyOccurrence(String text, String part) {
        int first = text.indexOf(part);
        return first >= 0 && text.indexOf(part, first + 1) < 0 ? first : -1;
    }

    /** Written by JSON as it is: printable ASCII, no quote, no backslash. */
    static boolean plain(String value) {
        if (value == null || value.isEmpty()) return false;
        for (int k = 0; k < value.length(); k++) {
            char ch = value.charAt(k);
            if (ch < 0x20 || ch > 0x7e || ch == '"' || ch == '\\') return false;
        }
        return true;
    }
}
