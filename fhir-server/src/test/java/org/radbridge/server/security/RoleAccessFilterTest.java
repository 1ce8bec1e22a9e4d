package org.radbridge.server.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The one bearer check of /api and the research DICOMweb, with tokens from a real token file. */
class RoleAccessFilterTest {
    @TempDir
    Path secrets;

    private MockHttpServletResponse call(RoleAccessFilter filter, String token) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
        if (token != null) request.addHeader("Authorization", "Bearer " + token);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        if (response.getStatus() == 200) assertThat(chain.getRequest()).as("passed on").isNotNull();
        else assertThat(chain.getRequest()).as("not passed on").isNull();
        return response;
    }

    @Test
    void eachAreaLetsItsRolesThroughAndRefusesTheOthers() throws Exception {
        TokenStore tokens = new TokenStore(secrets, null);
        BearerAuthentication auth = new BearerAuthentication(tokens);
        String admin = tokens.create("ops", Role.ADMIN, null);
        String researcher = tokens.create("rita", Role.RESEARCHER, null);
        RoleAccessFilter api = RoleAccessFilter.adminApi(auth);
        RoleAccessFilter dicomweb = RoleAccessFilter.researchDicomWeb(auth);

        assertThat(call(api, admin).getStatus()).isEqualTo(200);
        assertThat(call(api, researcher).getStatus()).isEqualTo(403);
        assertThat(call(dicomweb, researcher).getStatus()).isEqualTo(200);
        assertThat(call(dicomweb, admin).getStatus()).isEqualTo(200);
        for (RoleAccessFilter f : new RoleAccessFilter[] {api, dicomweb}) {
            MockHttpServletResponse none = call(f, null);
            assertThat(none.getStatus()).isEqualTo(401);
            assertThat(none.getHeader("WWW-Authenticate")).startsWith("Bearer");
            assertThat(call(f, "not-a-token").getStatus()).isEqualTo(401);
        }
        assertThat(call(api, researcher).getContentAsString()).contains("admin token");
    }
}
