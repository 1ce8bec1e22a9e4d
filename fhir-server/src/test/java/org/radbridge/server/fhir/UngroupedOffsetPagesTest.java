package org.radbridge.server.fhir;

import ca.uhn.fhir.jpa.dao.IResultIterator;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class UngroupedOffsetPagesTest {

    /** Rows as an ungrouped query returns them (a resource may repeat), de-duplicated as HAPI's iterator does. */
    private static final class Rows implements IResultIterator<JpaPid> {
        private final List<Long> rows;
        private final Set<Long> seen = new HashSet<>();
        private int at, skipped, kept;
        private Long next;

        Rows(List<Long> all, int limit) {
            this.rows = all.subList(0, Math.min(limit, all.size()));
        }

        @Override
        public boolean hasNext() {
            while (next == null && at < rows.size()) {
                Long r = rows.get(at++);
                if (seen.add(r)) { kept++; next = r; } else skipped++;
            }
            return next != null;
        }

        @Override
        public JpaPid next() {
            hasNext();
            JpaPid p = JpaPid.fromId(next);
            next = null;
            return p;
        }

        @Override public int getSkippedCount() { return skipped; }
        @Override public int getNonSkippedCount() { return kept; }
        @Override public Collection<JpaPid> getNextResultBatch(long n) { throw new UnsupportedOperationException(); }
        @Override public void close() {}
    }

    private static List<Long> ids(List<JpaPid> pids) {
        return pids.stream().map(JpaPid::getId).toList();
    }

    /** Every page of a search, concatenated, against the distinct matches in the query's order. */
    private static void pagesMatchOneRead(List<Long> rows, int count) {
        List<Long> distinct = new ArrayList<>(new LinkedHashSet<>(rows));
        List<Long> paged = new ArrayList<>();
        List<Integer> limits = new ArrayList<>();
        for (int offset = 0; ; offset += count) {
            // as HAPI's synchronous search asks: one more than the page, to know whether another follows
            List<Long> page = ids(UngroupedOffsetPages.page(offset, count + 1, limit -> {
                limits.add(limit);
                return new Rows(rows, limit);
            }));
            assertThat(page.size()).isLessThanOrEqualTo(count + 1);
            paged.addAll(page.subList(0, Math.min(count, page.size())));
            boolean more = page.size() > count;
            assertThat(more).as("a next page exactly when matches remain after offset " + offset).isEqualTo(offset + count < distinct.size());
            if (!more) break;
        }
        assertThat(paged).as("pages of " + count).isEqualTo(distinct);
        assertThat(limits).allMatch(l -> l >= 1);
    }

    @Test
    void pagesFollowTheQueryOrderWithNothingLostOrRepeated() {
        List<Long> rows = new ArrayList<>();
        for (long i = 0; i < 23; i++) rows.add(100 - 3 * i);
        for (int count : new int[] {1, 5, 7, 22, 23, 50}) pagesMatchOneRead(rows, count);
        pagesMatchOneRead(List.of(), 5);
    }

    @Test
    void resourcesMatchingThroughSeveralRowsDoNotShortenAPage() {
        // each resource comes back twice or three times in a row (an OR of codes it has), some again later on
        List<Long> rows = new ArrayList<>();
        for (long i = 1; i <= 30; i++) {
            rows.add(i);
            rows.add(i);
            if (i % 3 == 0) rows.add(i);
            if (i % 7 == 0) rows.add(i / 2);
        }
        for (int count : new int[] {1, 4, 10, 29, 30}) pagesMatchOneRead(rows, count);

        List<Integer> limits = new ArrayList<>();
        List<Long> first = ids(UngroupedOffsetPages.page(0, 11, limit -> {
            limits.add(limit);
            return new Rows(rows, limit);
        }));
        assertThat(first).hasSize(11).doesNotHaveDuplicates();
        assertThat(limits).as("the limit grows until the page is full").startsWith(11, 22).isSorted();
    }

    @Test
    void anOffsetPastTheEndGivesAnEmptyPage() {
        List<Long> rows = List.of(5L, 6L, 7L);
        assertThat(UngroupedOffsetPages.page(10, 6, limit -> new Rows(rows, limit))).isEmpty();
        assertThat(ids(UngroupedOffsetPages.page(2, 6, limit -> new Rows(rows, limit)))).containsExactly(7L);
    }

    @Test
    void onlyPlainOffsetPagesRunUngrouped() {
        SearchParameterMap page = new SearchParameterMap().setCount(50);
        page.setOffset(0);
        assertThat(UngroupedOffsetPages.ungroupable(page)).isTrue();

        assertThat(UngroupedOffsetPages.ungroupable(new SearchParameterMap().setCount(50))).as("not an offset page").isFalse();
        SearchParameterMap noCount = new SearchParameterMap();
        noCount.setOffset(10);
        assertThat(UngroupedOffsetPages.ungroupable(noCount)).isFalse();

        SearchParameterMap sorted = page.clone();
        sorted.setSort(new SortSpec("started"));
        assertThat(UngroupedOffsetPages.ungroupable(sorted)).as("HAPI's sort aggregates a resource's rows").isFalse();

        SearchParameterMap everything = page.clone();
        everything.setEverythingMode(SearchParameterMap.EverythingModeEnum.PATIENT_INSTANCE);
        assertThat(UngroupedOffsetPages.ungroupable(everything)).isFalse();
    }
}
