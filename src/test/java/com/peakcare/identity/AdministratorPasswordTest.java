package com.peakcare.identity;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.peakcare.PeakCareApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Issue 20: the production administrator's password meets the password policy like every password a person sets
 * (PeakCare's own saves are not held to it, so that the demo users keep "demo"): a weak PEAKCARE_ADMIN_PASSWORD stops
 * the start-up, saying why. Its own JVM: a context that failed to start stays in the webapp starter's static field.
 */
@Tag("own-jvm")
class AdministratorPasswordTest {

  @Test
  void aWeakAdministratorPasswordStopsTheStartUp() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(PeakCareApplication.class).run("--server.port=0",
        "--spring.datasource.url=jdbc:h2:mem:weak-admin;DB_CLOSE_DELAY=-1", "--spring.jmx.enabled=false",
        "--camunda.bpm.job-execution.enabled=false", "--peakcare.demo=false", "--peakcare.admin.user=boss",
        "--peakcare.admin.password=password1", "--peakcare.audit.key-file=target/weak-admin/audit.key").close())
        .hasStackTraceContaining("PEAKCARE_ADMIN_PASSWORD does not meet the password policy")
        .hasStackTraceContaining("not a common password");
  }
}
