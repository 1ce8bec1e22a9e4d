package org.radbridge.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.dao.IResultIterator;
import ca.uhn.fhir.jpa.dao.ISearchBuilder;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.model.search.SearchRuntimeDetails;
import ca.uhn.fhir.jpa.search.builder.SearchBuilder;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import jakarta.annotation.Nonnull;
import jakarta.persistence.EntityManager;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Answers the offset pages of {@link OffsetPagedSearches} with a query that can stop after the page's rows.
 * <p>
 * HAPI FHIR 8.4 de-duplicates in the database (a {@code GROUP BY} on the resource id) whenever a search has an offset,
 * {@code _offset=0} included ({@code SearchBuilder.QueryIterator#initializeIteratorQuery}: {@code offset != null});
 * the database then has to find every match before it can hand over the first page's. Without an offset HAPI
 * de-duplicates in memory and the SQL has only a {@code LIMIT}, so a join driven by an index stops once it has the
 * rows asked for. This runs each offset page that way: the first {@code offset + count + 1} distinct matches in the
 * order of that query, of which the page's are handed on. Every page of a search runs the same query (only its limit
 * differs), so the pages follow one order, as the grouped pages did; the rows before the page are read again, which
 * costs a later page what the grouped query cost every page.
 * <p>
 * A resource matching through several index rows (an OR of codes it has both of, say) comes back more than once; if
 * the limit was reached with fewer distinct resources than the page needs, the query runs again with a larger limit
 * until it has them or the matches end. Searches with {@code _sort} keep HAPI's grouped query (its sort takes the
 * first or last value of a resource's rows), as do {@code $everything}, {@code $lastn} and full-text searches.
 * <p>
 * Wraps HAPI's search builders as Spring creates them (they are prototype beans made per search); the system property
 * {@code radbridge.fhir.ungrouped-pages=false} leaves them alone (to measure the grouped query, bench fhir).
 */
public final class UngroupedOffsetPages implements BeanPostProcessor, BeanFactoryAware {
    private BeanFactory beans;

    @Override
    public void setBeanFactory(@Nonnull BeanFactory beanFactory) throws BeansException {
        this.beans = beanFactory;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object postProcessAfterInitialization(@Nonnull Object bean, @Nonnull String name) throws BeansException {
        if (!(bean instanceof SearchBuilder hapi) || "false".equals(System.getProperty("radbridge.fhir.ungrouped-pages"))) return bean;
        return new Builder(hapi, () -> (ISearchBuilder<JpaPid>) beans.getBean(ISearchBuilder.SEARCH_BUILDER_BEAN_NAME,
                hapi.getResourceName(), hapi.getResourceType()));
    }

    /** True when the page can run without HAPI's grouping: a plain offset page (see the class comment). */
    static boolean ungroupable(SearchParameterMap params) {
        return params.getOffset() != null && params.getCount() != null && params.getEverythingMode() == null
                && params.getSort() == null && !params.isLastN()
                && !params.containsKey(Constants.PARAM_TEXT) && !params.containsKey(Constants.PARAM_CONTENT);
    }

    /**
     * The matches from {@code offset} on, at most {@code count}, of a search run without an offset by {@code run}
     * (given a limit on the rows it reads, it returns an iterator of distinct resources). When the rows ran out at the
     * limit before {@code offset + count} distinct resources came, the limit doubles and the search runs again.
     */
    static List<JpaPid> page(int offset, int count, java.util.function.IntFunction<IResultIterator<JpaPid>> run) {
        int wanted = offset + count;
        int limit = wanted;
        while (true) {
            List<JpaPid> found = new ArrayList<>(wanted);
            int rows;
            try (IResultIterator<JpaPid> it = run.apply(limit)) {
                while (found.size() < wanted && it.hasNext()) found.add(it.next());
                rows = it.getSkippedCount() + it.getNonSkippedCount();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (found.size() >= wanted || rows < limit) return List.copyOf(found.subList(Math.min(offset, found.size()), found.size()));
            limit = limit > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : limit * 2;
        }
    }

    /** HAPI's search builder, with offset pages answered by {@link #page}. */
    static final class Builder implements ISearchBuilder<JpaPid> {
        private final ISearchBuilder<JpaPid> hapi;
        private final Supplier<ISearchBuilder<JpaPid>> fresh;
        private Integer fetchSize;
        private Boolean requireTotal;
        private Boolean deduplicateInDatabase;

        Builder(ISearchBuilder<JpaPid> hapi, Supplier<ISearchBuilder<JpaPid>> fresh) {
            this.hapi = hapi;
            this.fresh = fresh;
        }

        @Override
        public IResultIterator<JpaPid> createQuery(SearchParameterMap params, SearchRuntimeDetails details, RequestDetails request,
                @Nonnull RequestPartitionId partition) {
            if (!ungroupable(params)) return hapi.createQuery(params, details, request, partition);
            SearchParameterMap withoutOffset = params.clone();
            withoutOffset.setOffset(null);
            boolean[] first = {true};
            List<JpaPid> page = page(params.getOffset(), params.getCount(), limit -> {
                // HAPI's builder keeps what it has seen; a second run starts on a new one with the same settings
                ISearchBuilder<JpaPid> b = first[0] ? hapi : configured(fresh.get());
                first[0] = false;
                b.setMaxResultsToFetch(limit);
                return b.createQuery(withoutOffset, details, request, partition);
            });
            return new PageIterator(page);
        }

        private ISearchBuilder<JpaPid> configured(ISearchBuilder<JpaPid> b) {
            ISearchBuilder<JpaPid> target = b instanceof Builder w ? w.hapi : b;
            if (fetchSize != null) target.setFetchSize(fetchSize);
            if (requireTotal != null) target.setRequireTotal(requireTotal);
            if (deduplicateInDatabase != null) target.setDeduplicateInDatabase(deduplicateInDatabase);
            return target;
        }

        @Override
        public Long createCountQuery(SearchParameterMap params, String searchUuid, RequestDetails request, RequestPartitionId partition) {
            return hapi.createCountQuery(params, searchUuid, request, partition);
        }

        @Override
        public void setMaxResultsToFetch(Integer max) {
            hapi.setMaxResultsToFetch(max);
        }

        @Override
        public void setDeduplicateInDatabase(boolean inDatabase) {
            deduplicateInDatabase = inDatabase;
            hapi.setDeduplicateInDatabase(inDatabase);
        }

        @Override
        public void setRequireTotal(boolean require) {
            requireTotal = require;
            hapi.setRequireTotal(require);
        }

        @Override
        public boolean requiresTotal() {
            return hapi.requiresTotal();
        }

        @Override
        public void loadResourcesByPid(Collection<JpaPid> pids, Collection<JpaPid> included, List<IBaseResource> into,
                boolean forHistory, RequestDetails request) {
            hapi.loadResourcesByPid(pids, included, into, forHistory, request);
        }

        @Override
        @SuppressWarnings("deprecation")
        public Set<JpaPid> loadIncludes(FhirContext context, EntityManager em, Collection<JpaPid> matches, Collection<Include> includes,
                boolean reverse, DateRangeParam lastUpdated, String searchIdOrDescription, RequestDetails request, Integer maxCount) {
            return hapi.loadIncludes(context, em, matches, includes, reverse, lastUpdated, searchIdOrDescription, request, maxCount);
        }

        @Override
        public Set<JpaPid> loadIncludes(ca.uhn.fhir.jpa.model.search.SearchBuilderLoadIncludesParameters<JpaPid> parameters) {
            return hapi.loadIncludes(parameters);
        }

        @Override
        public void setFetchSize(int size) {
            fetchSize = size;
            hapi.setFetchSize(size);
        }

        @Override
        public void setPreviouslyAddedResourcePids(List<JpaPid> pids) {
            hapi.setPreviouslyAddedResourcePids(pids);
        }
    }

    /** A page already read, handed on as HAPI's iterator would hand it. */
    static final class PageIterator implements IResultIterator<JpaPid> {
        private final Iterator<JpaPid> it;
        private final int size;

        PageIterator(List<JpaPid> page) {
            this.it = page.iterator();
            this.size = page.size();
        }

        @Override public boolean hasNext() { return it.hasNext(); }
        @Override public JpaPid next() { return it.next(); }
        @Override public int getSkippedCount() { return 0; }
        @Override public int getNonSkippedCount() { return size; }

        @Override
        public Collection<JpaPid> getNextResultBatch(long batchSize) {
            List<JpaPid> batch = new ArrayList<>();
            while (batch.size() < batchSize && it.hasNext()) batch.add(it.next());
            return batch;
        }

        @Override public void close() {}
    }
}
