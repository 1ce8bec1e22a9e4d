package org.radbridge.console;

import jakarta.servlet.http.HttpServletRequest;
import org.radbridge.map.CurrentMappings;
import org.radbridge.mappings.MappingSet;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import javax.sql.DataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Page 5: one study by accession number or Study Instance UID, or the newest arrivals when none is asked for. */
@Controller
public class StudyController {
    /** How the study's procedure was mapped: the mapping row in force now, and how the description reached it. */
    public record Mapping(String key, String match, String target, String where) {}

    private final ConsoleSession session;
    private final Pages pages;
    private final StudyQueries queries;
    private final CurrentMappings mappings;

    public StudyController(ConsoleSession session, Pages pages, @Qualifier("radbridgeDataSource") DataSource ds, CurrentMappings mappings) {
        this.session = session;
        this.pages = pages;
        this.queries = new StudyQueries(ds);
        this.mappings = mappings;
    }

    @GetMapping("/study")
    public ResponseEntity<String> study(HttpServletRequest request, @RequestParam(name = "q", required = false) String q,
                                       @RequestParam(name = "page", defaultValue = "0") int page) {
        ConsoleUser user = session.user(request).orElseThrow();
        Map<String, Object> model = new HashMap<>();
        model.put("q", q == null ? "" : q.trim());
        if (q == null || q.isBlank()) {
            List<StudyQueries.Recent> recent = queries.recent(page);
            model.put("recent", recent.subList(0, Math.min(recent.size(), StudyQueries.PAGE_SIZE)));
            model.put("more", recent.size() > StudyQueries.PAGE_SIZE);
            model.put("pageNo", Math.max(0, page));
            return pages.render("study-list", user, session.csrf(request), model);
        }
        List<StudyQueries.Study> found = queries.find(q);
        if (found.size() != 1) {
            model.put("found", found);
            return pages.render("study-found", user, session.csrf(request), model);
        }
        StudyQueries.Study s = found.get(0);
        model.put("s", s);
        model.put("series", queries.series(s.uid()));
        List<StudyQueries.Report> reports = queries.reports(s.accession());
        model.put("reports", reports);
        StudyQueries.Report current = reports.isEmpty() ? null : reports.get(0);
        List<StudyQueries.Mention> mentions = current == null ? List.of() : queries.mentions(current.reportId());
        model.put("report", current);
        model.put("mentions", mentions);
        model.put("segments", current == null ? List.of() : ReportHighlighter.segments(current.text(), mentions));
        model.put("nlpSystem", mentions.isEmpty() ? "" : mentions.get(0).nlpSystem());
        model.put("omop", queries.omop(s.uid(), s.accession()).orElse(null));
        model.put("mapping", mapping(s));
        model.put("fhirStudy", "/fhir/ImagingStudy?identifier=" + enc("urn:dicom:uid|urn:oid:" + s.uid()));
        model.put("fhirReport", current == null ? null : "/fhir/DiagnosticReport?identifier=" + enc("urn:radbridge:report-id|" + current.reportId()));
        model.put("version", version());
        return pages.render("study", user, session.csrf(request), model);
    }

    private Mapping mapping(StudyQueries.Study s) {
        MappingSet set = mappings.current();
        MappingSet.Resolution r = set.resolve("procedure", s.description(), s.studyDate());
        if (r.target() == null) return new Mapping(r.key(), "unmapped", "", "");
        String where = set.entries("procedure").stream().filter(e -> MappingSet.normalise(e.sourceCode()).equals(r.key()))
                .filter(e -> s.studyDate() == null || (!s.studyDate().isBefore(e.from()) && !s.studyDate().isAfter(e.to())))
                .map(MappingSet.Entry::where).findFirst().orElse("");
        return new Mapping(r.key(), r.match() == MappingSet.Match.DIRECT ? "direct" : "by the study-description rules",
                r.target().vocabularyId() + " " + r.target().code() + (r.target().display() == null ? "" : " " + r.target().display()), where);
    }

    static String version() {
        String v = StudyController.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
