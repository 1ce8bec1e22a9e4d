package org.radbridge.server.config;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.IDaoRegistry;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.config.util.ResourceCountCacheUtil;
import ca.uhn.fhir.jpa.dao.FulltextSearchSvcImpl;
import ca.uhn.fhir.jpa.dao.IFulltextSearchSvc;
import ca.uhn.fhir.jpa.dao.search.HSearchSortHelperImpl;
import ca.uhn.fhir.jpa.dao.search.IHSearchSortHelper;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import ca.uhn.fhir.jpa.provider.DaoRegistryResourceSupportedSvc;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.search.IStaleSearchDeletingSvc;
import ca.uhn.fhir.jpa.search.StaleSearchDeletingSvcImpl;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.util.ResourceCountCache;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.IResourceSupportedSvc;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.persistence.EntityManagerFactory;
import org.hl7.fhir.r4.model.Bundle;
import java.util.List;
import org.hl7.fhir.r4.model.Meta;
import org.radbridge.server.fhir.UnindexedSearchParameters;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;

/**
 * HAPI FHIR JPA (R4) wired into our Spring Boot application on the shared PostgreSQL, with its
 * tables in schema fhir. Only what RadBridge serves is switched on: the REST API with search and
 * paging, transactions, and the batch framework that bulk export needs.
 */
@Configuration
@Import({JpaR4Config.class, SubscriptionChannelConfig.class, ThreadPoolFactoryConfig.class, JpaBatch2Config.class,
        Batch2JobsConfig.class})
public class FhirJpaConfig {

    @Bean
    public JpaStorageSettings storageSettings() {
        JpaStorageSettings s = new JpaStorageSettings();
        s.setAllowExternalReferences(true);
        s.setAllowMultipleDelete(true);
        // no reuse of cached search results: a search right after an ingest must see the new studies
        s.setReuseCachedSearchResultsForMillis(null);
        // batch jobs (bulk export) start their next step as soon as one ends instead of waiting for the maintenance pass
        s.setJobFastTrackingEnabled(true);
        // Patient-level $export needs it; off by default for its write cost (PatientExportAsSystemExport serves it without)
        if (Boolean.parseBoolean(System.getProperty("radbridge.fhir.index.missing.fields",
                System.getenv().getOrDefault("RADBRIDGE_FHIR_INDEX_MISSING_FIELDS", "false"))))
            s.setIndexMissingFields(JpaStorageSettings.IndexEnabledEnum.ENABLED);
        s.setBulkExportFileRetentionPeriodHours(Integer.parseInt(System.getProperty("radbridge.bulk.export.retention.hours",
                System.getenv().getOrDefault("RADBRIDGE_BULK_EXPORT_RETENTION_HOURS", "2"))));
        return s;
    }

    /**
     * HAPI records one search-parameter identity row (hash to resource type and name) per parameter it indexes. By
     * default it also writes one for every parameter of every resource type whenever its registry is built, each in a
     * transaction of its own on a background thread: on a new database some thousands of them, which ran beside the
     * first ingest and took about a tenth of its CPU. Without the pre-population the rows are still written, lazily,
     * for the parameters resources actually use.
     */
    @Bean
    public static org.springframework.beans.factory.config.BeanPostProcessor lazySearchParamIdentities() {
        return new org.springframework.beans.factory.config.BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof ca.uhn.fhir.jpa.searchparam.registry.SearchParamRegistryImpl r) r.setPopulateSearchParamIdentities(false);
                return bean;
            }
        };
    }

    /** See {@link CamelSkipsHapiBeans}. */
    @Bean
    public static org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor camelSkipsHapiBeans() {
        return CamelSkipsHapiBeans.inPlaceOfCamels();
    }

    /** HAPI's primary FhirContext as {@link org.radbridge.server.fhir.ServerFhirContext}: no reference walk for bundles without includes. */
    @Bean
    public static org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor serverFhirContext() {
        return org.radbridge.server.fhir.ServerFhirContext.inPlaceOfHapis();
    }

    /** See {@link org.radbridge.server.fhir.ExplicitContainedResources}; default off. */
    @Bean
    public static org.springframework.beans.factory.config.BeanPostProcessor explicitContainedResources(
            @org.springframework.beans.factory.annotation.Value("${radbridge.fhir.auto-contain-references:false}") boolean autoContain) {
        return org.radbridge.server.fhir.ExplicitContainedResources.applying(autoContain);
    }

    /** Only the resource DAOs and providers RadBridge uses are built; see {@link org.radbridge.server.fhir.UnservedResourceDaos}. */
    @Bean
    public static org.radbridge.server.fhir.UnservedResourceDaos unservedResourceDaos() {
        return new org.radbridge.server.fhir.UnservedResourceDaos();
    }

    /** HAPI's repository queries prepared when first run; see {@link org.radbridge.server.fhir.DeferredRepositoryQueries}. */
    @Bean
    public static org.radbridge.server.fhir.DeferredRepositoryQueries deferredRepositoryQueries() {
        return new org.radbridge.server.fhir.DeferredRepositoryQueries();
    }

    /** See {@link org.radbridge.server.fhir.StructureDefinitionPreload}. */
    @Bean
    public static org.springframework.beans.factory.config.BeanPostProcessor awaitStructureDefinitionPreload() {
        return org.radbridge.server.fhir.StructureDefinitionPreload.awaitBeforeSearchParamExtractor();
    }

    @Bean
    public PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean
    public SubscriptionSettings subscriptionSettings() {
        SubscriptionSettings s = new SubscriptionSettings();
        s.addSupportedSubscriptionType(org.hl7.fhir.dstu2.model.Subscription.SubscriptionChannelType.RESTHOOK);
        return s;
    }

    @Bean
    public IFulltextSearchSvc fullTextSearchSvc() {
        return new FulltextSearchSvcImpl();
    }

    @Bean
    public IStaleSearchDeletingSvc staleSearchDeletingSvc() {
        return new StaleSearchDeletingSvcImpl();
    }

    @Bean
    public DatabaseBackedPagingProvider databaseBackedPagingProvider() {
        DatabaseBackedPagingProvider p = new DatabaseBackedPagingProvider();
        p.setDefaultPageSize(20);
        p.setMaximumPageSize(500);
        return p;
    }

    @Bean
    public IResourceSupportedSvc resourceSupportedSvc(IDaoRegistry daoRegistry) {
        return new DaoRegistryResourceSupportedSvc(daoRegistry);
    }

    @Bean(name = "myResourceCountsCache")
    public ResourceCountCache resourceCountsCache(IFhirSystemDao<?, ?> systemDao) {
        return ResourceCountCacheUtil.newResourceCountCache(systemDao);
    }

    @Bean
    public IHSearchSortHelper hSearchSortHelper(ISearchParamRegistry registry) {
        return new HSearchSortHelperImpl(registry);
    }

    @Primary
    @Bean
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(
            DataSource dataSource, ConfigurableListableBeanFactory beanFactory, FhirContext fhirContext, JpaStorageSettings settings) {
        LocalContainerEntityManagerFactoryBean emf =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, settings);
        Map<String, Object> p = new HashMap<>();
        p.put("hibernate.dialect", HapiFhirPostgresDialect.class.getName());
        p.put("hibernate.archive.scanner", "org.hibernate.boot.archive.scan.internal.DisabledScanner");
        p.put("hibernate.implicit_naming_strategy", SpringImplicitNamingStrategy.class.getName());
        p.put("hibernate.physical_naming_strategy", CamelCaseToUnderscoresNamingStrategy.class.getName());
        boolean schemaCurrent = HapiSchemaMark.upToDate(dataSource);
        p.put("hibernate.hbm2ddl.auto", schemaCurrent ? "none" : "update");
        p.put("hibernate.default_schema", "fhir");
        p.put("hibernate.jdbc.batch_size", "20");
        p.put("hibernate.cache.use_query_cache", "false");
        p.put("hibernate.cache.use_second_level_cache", "false");
        p.put("hibernate.cache.use_structured_entries", "false");
        p.put("hibernate.cache.use_minimal_puts", "false");
        p.put("hibernate.format_sql", "false");
        p.put("hibernate.show_sql", "false");
        p.put("hibernate.search.enabled", "false");
        emf.setPersistenceUnitName("HAPI_PU");
        emf.setJpaPropertyMap(p);
        emf.setDataSource(dataSource);
        return emf;
    }

    /** Built once HAPI's entity manager factory is, and so after Hibernate's schema update, when one ran: marks it done. */
    @Bean
    public Object hapiSchemaMarked(EntityManagerFactory emf, DataSource dataSource) {
        if (!HapiSchemaMark.upToDate(dataSource)) HapiSchemaMark.mark(dataSource);
        return HapiSchemaMark.expected();
    }

    /** With the storage interceptors: searches by any route, and every write of a study; after HAPI's tables exist. */
    @Bean
    public org.radbridge.server.fhir.StudyDateRangeBound studyDateRangeBound(EntityManagerFactory emf, DataSource dataSource,
            PartitionSettings partitions, ca.uhn.fhir.interceptor.api.IInterceptorService storage) {
        org.radbridge.server.fhir.StudyDateRangeBound bound = org.radbridge.server.fhir.StudyDateRangeBound.checked(dataSource, partitions);
        storage.registerInterceptor(bound);
        return bound;
    }

    @Bean
    @Primary
    public JpaTransactionManager transactionManager(EntityManagerFactory emf) {
        JpaTransactionManager tm = new JpaTransactionManager();
        tm.setEntityManagerFactory(emf);
        return tm;
    }

    @Bean
    public RestfulServer restfulServer(
            IFhirSystemDao<?, ?> systemDao,
            ResourceProviderFactory resourceProviders,
            IJpaSystemProvider systemProvider,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            DatabaseBackedPagingProvider pagingProvider) {
        FhirContext ctx = systemDao.getContext();
        ctx.setNarrativeGenerator(new NullNarrativeGenerator());
        RestfulServer server = new RestfulServer(ctx);
        server.registerProviders(org.radbridge.server.fhir.ServedResourceTypes.of(resourceProviders.createProviders()));
        server.registerProvider(systemProvider);
        JpaCapabilityStatementProvider capabilities =
                new JpaCapabilityStatementProvider(server, systemDao, storageSettings, searchParamRegistry, validationSupport);
        capabilities.setImplementationDescription("RadBridge FHIR R4 server (HAPI FHIR JPA)");
        server.setServerConformanceProvider(capabilities);
        server.registerInterceptor(new org.radbridge.server.fhir.CapabilityStatementTrim());
        server.setPagingProvider(pagingProvider);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        // compact JSON unless asked (_pretty=true); a browser still gets HAPI's highlighted page
        server.setDefaultPrettyPrint(Boolean.getBoolean("radbridge.fhir.pretty-print"));
        server.registerInterceptor(new ResponseHighlighterInterceptor());
        // "false" only to measure the stored-search path it replaces (bench fhir)
        if (!"false".equals(System.getProperty("radbridge.fhir.offset-paging")))
            server.registerInterceptor(new org.radbridge.server.fhir.OffsetPagedSearches(pagingProvider.getDefaultPageSize()));
        return server;
    }

    /**
     * Retires the built-in search parameters the server does not index before anything is projected (ready events run
     * before the command line or the sources start working); see {@link UnindexedSearchParameters}.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void retireUnindexedSearchParameters(ApplicationReadyEvent event) {
        org.springframework.context.ApplicationContext ctx = event.getApplicationContext();
        @SuppressWarnings("unchecked")
        IFhirSystemDao<Bundle, Meta> systemDao = ctx.getBean(IFhirSystemDao.class);
        boolean instanceUids = ctx.getEnvironment().getProperty("radbridge.fhir.index-instance-uids", Boolean.class, false);
        new UnindexedSearchParameters(ctx.getBean(FhirContext.class), systemDao, ctx.getBean(ISearchParamRegistry.class))
                .apply(instanceUids ? List.of() : UnindexedSearchParameters.OPTIONAL);
        new org.radbridge.server.fhir.ImagingSearchParameters(systemDao, ctx.getBean(ISearchParamRegistry.class)).apply();
    }

    @Bean
    public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer server) {
        ServletRegistrationBean<RestfulServer> reg = new ServletRegistrationBean<>(server, "/fhir/*");
        reg.setName("fhir");
        reg.setLoadOnStartup(1);
        return reg;
    }

    /** See {@link org.radbridge.server.fhir.CoalescedResponseFlushes}. */
    @Bean
    public FilterRegistrationBean<org.radbridge.server.fhir.CoalescedResponseFlushes> fhirCoalescedFlushes() {
        FilterRegistrationBean<org.radbridge.server.fhir.CoalescedResponseFlushes> reg = new FilterRegistrationBean<>(new org.radbridge.server.fhir.CoalescedResponseFlushes());
        reg.addUrlPatterns("/fhir/*");
        reg.setName("fhirCoalescedFlushes");
        return reg;
    }
}
