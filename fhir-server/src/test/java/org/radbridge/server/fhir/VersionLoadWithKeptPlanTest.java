package org.radbridge.server.fhir;

import ca.uhn.fhir.jpa.dao.data.IResourceHistoryTableDao;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Which repository method the kept-plan load takes over: HAPI's version load by an id list, read from its own @Query. */
class VersionLoadWithKeptPlanTest {

    @Test
    void takesOverHapisVersionLoadByIdListOnly() {
        Method load = Arrays.stream(IResourceHistoryTableDao.class.getMethods())
                .filter(m -> m.getName().equals(VersionLoadWithKeptPlan.METHOD)).findFirst().orElseThrow();
        assertThat(VersionLoadWithKeptPlan.appliesTo(load)).isTrue();
        long others = Arrays.stream(IResourceHistoryTableDao.class.getMethods())
                .filter(m -> !m.getName().equals(VersionLoadWithKeptPlan.METHOD))
                .filter(VersionLoadWithKeptPlan::appliesTo).count();
        assertThat(others).isZero();
    }
}
