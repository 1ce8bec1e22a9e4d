package org.radbridge.server.fhir;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.RepositoryQuery;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * HAPI's load of the current versions of a page's resources
 * ({@code IResourceHistoryTableDao.findCurrentVersionsByResourcePidsAndFetchResourceTable}: {@code ... WHERE
 * v.myResourcePid IN (:pids) ...}) run as the same query with one parameter per id, so that Hibernate keeps its plan.
 * Hibernate 6.6 caches no plan for a query with a list-valued parameter ({@code SqmInterpretationsKey.isCacheable}),
 * so every page and every {@code _include} load built the query's SQL and result mapping again. HAPI pads the lists
 * it loads to a few lengths ({@code InClauseNormalizer}: 1, 10, 50, 100, 200, 500 and 800 ids), and for those the
 * query text here has as many single parameters, one plan per length; other lengths run HAPI's query as it is. The
 * text is HAPI's own {@code @Query}, read from the method, with the list parameter spelled out, so a HAPI upgrade that
 * changes the query changes it here too (and one without {@code (:pids)} is left to HAPI). Same statement, same rows.
 * Used by {@link DeferredQueryRepositoryFactoryBean} for that one repository method.
 */
final class VersionLoadWithKeptPlan implements RepositoryQuery {
    static final String REPOSITORY = "ca.uhn.fhir.jpa.dao.data.IResourceHistoryTableDao";
    static final String METHOD = "findCurrentVersionsByResourcePidsAndFetchResourceTable";
    /** The lengths HAPI pads id lists to, and so the only ones a query text is kept for. */
    static final Set<Integer> LENGTHS = Set.of(1, 10, 50, 100, 200, 500, 800);

    static final String LIST_PARAMETER = "(:pids)";

    private final ConcurrentMap<Integer, String> texts = new ConcurrentHashMap<>();
    private final RepositoryQuery hapis;
    private final EntityManager entityManager;
    private final Class<?> entity;
    private final String hapisText;

    VersionLoadWithKeptPlan(RepositoryQuery hapis, EntityManager entityManager, Method method) {
        this.hapis = hapis;
        this.entityManager = entityManager;
        this.entity = hapis.getQueryMethod().getReturnedObjectType();
        this.hapisText = hapisText(method);
    }

    static boolean appliesTo(Method method) {
        return METHOD.equals(method.getName()) && REPOSITORY.equals(method.getDeclaringClass().getName())
                && method.getParameterCount() == 1 && List.class.isAssignableFrom(method.getParameterTypes()[0])
                && hapisText(method) != null;
    }

    /** The method's {@code @Query} text if it names the id list exactly once as {@code (:pids)}, else null. */
    private static String hapisText(Method method) {
        Query query = method.getAnnotation(Query.class);
        if (query == null) return null;
        String text = query.value();
        int at = text.indexOf(LIST_PARAMETER);
        return at >= 0 && text.indexOf(":pids", at + LIST_PARAMETER.length()) < 0 ? text : null;
    }

    /** HAPI's query text with {@code :p0, :p1, ...} in place of {@code :pids}. */
    String text(int ids) {
        return texts.computeIfAbsent(ids, n -> {
            StringBuilder in = new StringBuilder("(");
            for (int i = 0; i < n; i++) in.append(i == 0 ? ":p" : ", :p").append(i);
            return hapisText.replace(LIST_PARAMETER, in.append(')').toString());
        });
    }

    @Override
    public Object execute(Object[] parameters) {
        if (!(parameters[0] instanceof List<?> ids) || !LENGTHS.contains(ids.size())) return hapis.execute(parameters);
        TypedQuery<?> query = entityManager.createQuery(text(ids.size()), entity);
        for (int i = 0; i < ids.size(); i++) query.setParameter("p" + i, ids.get(i));
        return query.getResultList();
    }

    @Override
    public QueryMethod getQueryMethod() {
        return hapis.getQueryMethod();
    }
}
