package org.radbridge.server.fhir;

import org.junit.jupiter.api.Test;
import org.radbridge.server.fhir.DeferredQueryRepositoryFactoryBean.DeferredQuery;
import org.springframework.data.projection.SpelAwareProxyProjectionFactory;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.DefaultRepositoryMetadata;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.RepositoryQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeferredQueryTest {
    static final class Thing {
        Long id;
        String name;
    }

    interface Things extends Repository<Thing, Long> {
        List<Thing> findByName(String name);
    }

    private static QueryMethod findByName() throws NoSuchMethodException {
        return new QueryMethod(Things.class.getMethod("findByName", String.class), new DefaultRepositoryMetadata(Things.class),
                new SpelAwareProxyProjectionFactory());
    }

    /** A prepared query that records the parameters it ran with. */
    private static final class Recording implements RepositoryQuery {
        final List<Object[]> runs = new ArrayList<>();
        final QueryMethod method;

        Recording(QueryMethod method) {
            this.method = method;
        }

        @Override
        public Object execute(Object[] parameters) {
            runs.add(parameters);
            return "result " + runs.size();
        }

        @Override
        public QueryMethod getQueryMethod() {
            return method;
        }
    }

    @Test
    void preparesTheQueryOnItsFirstRunOnlyAndRunsItWithTheCallersParameters() throws Exception {
        QueryMethod method = findByName();
        Recording prepared = new Recording(method);
        AtomicInteger preparations = new AtomicInteger();
        DeferredQuery q = new DeferredQuery(method, () -> {
            preparations.incrementAndGet();
            return prepared;
        });

        assertThat(q.getQueryMethod().getName()).isEqualTo("findByName");
        assertThat(q.isPrepared()).as("describing the method prepares nothing").isFalse();
        assertThat(preparations).hasValue(0);

        assertThat(q.execute(new Object[] {"a"})).isEqualTo("result 1");
        assertThat(q.execute(new Object[] {"b"})).isEqualTo("result 2");
        assertThat(preparations).hasValue(1);
        assertThat(prepared.runs).extracting(p -> p[0]).containsExactly("a", "b");
    }

    @Test
    void aQueryThatCannotBePreparedFailsWhenRunAndAgainOnTheNextRun() throws Exception {
        AtomicInteger preparations = new AtomicInteger();
        DeferredQuery q = new DeferredQuery(findByName(), () -> {
            preparations.incrementAndGet();
            throw new IllegalArgumentException("Validation failed for query");
        });
        assertThatThrownBy(() -> q.execute(new Object[] {"a"})).hasMessageContaining("Validation failed");
        assertThatThrownBy(() -> q.execute(new Object[] {"a"})).hasMessageContaining("Validation failed");
        assertThat(preparations).hasValue(2);
        assertThat(q.isPrepared()).isFalse();
    }
}
