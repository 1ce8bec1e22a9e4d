package org.radbridge.server.fhir;

import jakarta.persistence.EntityManager;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;
import org.springframework.data.querydsl.SimpleEntityPathResolver;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.QueryMethodEvaluationContextProvider;
import org.springframework.data.repository.query.RepositoryQuery;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A Spring Data JPA repository whose query methods are prepared when first called instead of when the repository is
 * built. Spring Data prepares every query method of a repository at once, and for a JPQL {@code @Query} that means
 * Hibernate parses it (to validate it) and Spring Data parses it again with its own grammar: for HAPI FHIR JPA's 54
 * repositories, most of whose queries RadBridge never runs, that was about a quarter of the server's start-up on the
 * main thread (JFR). A query is now prepared by the same Spring Data code on its first call, once, so an invalid query
 * fails there rather than at start-up. Used for HAPI's repositories by {@link DeferredRepositoryQueries}. The load of
 * a page's resource versions runs with a plan Hibernate keeps ({@link VersionLoadWithKeptPlan}).
 */
public class DeferredQueryRepositoryFactoryBean<T extends Repository<S, ID>, S, ID> extends JpaRepositoryFactoryBean<T, S, ID> {

    public DeferredQueryRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
        super(repositoryInterface);
    }

    @Override
    protected RepositoryFactorySupport createRepositoryFactory(EntityManager entityManager) {
        // what JpaRepositoryFactoryBean sets, at the defaults HAPI leaves them at
        JpaRepositoryFactory factory = new DeferredQueryFactory(entityManager);
        factory.setEntityPathResolver(SimpleEntityPathResolver.INSTANCE);
        return factory;
    }

    private static final class DeferredQueryFactory extends JpaRepositoryFactory {
        private final EntityManager entityManager;

        DeferredQueryFactory(EntityManager entityManager) {
            super(entityManager);
            this.entityManager = entityManager;
        }

        @Override
        protected Optional<QueryLookupStrategy> getQueryLookupStrategy(QueryLookupStrategy.Key key,
                QueryMethodEvaluationContextProvider evaluationContextProvider) {
            return super.getQueryLookupStrategy(key, evaluationContextProvider).map(this::deferred);
        }

        private QueryLookupStrategy deferred(QueryLookupStrategy strategy) {
            return (method, metadata, projections, namedQueries) -> {
                RepositoryQuery query = new DeferredQuery(new QueryMethod(method, metadata, projections),
                        () -> strategy.resolveQuery(method, metadata, projections, namedQueries));
                return VersionLoadWithKeptPlan.appliesTo(method) ? new VersionLoadWithKeptPlan(query, entityManager, method) : query;
            };
        }
    }

    /** A repository query prepared on its first execution. */
    static final class DeferredQuery implements RepositoryQuery {
        private final QueryMethod method;
        private Supplier<RepositoryQuery> prepare;
        private volatile RepositoryQuery query;

        DeferredQuery(QueryMethod method, Supplier<RepositoryQuery> prepare) {
            this.method = method;
            this.prepare = prepare;
        }

        @Override
        public Object execute(Object[] parameters) {
            return prepared().execute(parameters);
        }

        /** The method's description for Spring Data's bookkeeping, without preparing the query. */
        @Override
        public QueryMethod getQueryMethod() {
            return method;
        }

        RepositoryQuery prepared() {
            RepositoryQuery q = query;
            if (q != null) return q;
            synchronized (this) {
                if (query == null) {
                    query = prepare.get();
                    prepare = null;
                }
                return query;
            }
        }

        boolean isPrepared() {
            return query != null;
        }
    }
}
