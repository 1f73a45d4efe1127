package io.dbchange.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.approval.ApprovalStep;
import io.dbchange.api.approval.Risk;
import io.dbchange.api.approval.Roles;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.sql.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's approval example, with the YAML read from the README itself, so the two cannot drift apart. */
class ReadmeApprovalExampleTest {

    static String readmeYaml() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("### Risk rules and approvals");
        assertThat(section).as("README approval section").isPositive();
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    @Test
    void readmeExampleWorksAsDescribed() throws IOException {
        ApprovalConfig config = ApprovalConfigs.fromYaml(readmeYaml());
        ApprovalEngine engine = ApprovalEngine.builder(config)
                .roleResolver(new InMemoryRoleResolver()
                        .grant("tess", "TESTER")
                        .grant("shop", "olga", Roles.PROJECT_OWNER)
                        .grant("shop", "otto", Roles.PROJECT_OWNER)
                        .grant("dora", Roles.DBA))
                .build();
        String script = "ALTER TABLE book ADD COLUMN isbn varchar(20);";
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        ChangeRequest changeRequest = new ChangeRequest(
                "r1",
                "shop",
                "Add ISBN",
                "",
                ChangeType.SCHEMA,
                script,
                List.of(new DatabaseRef("prod-mysql", "shop")),
                "dev",
                ChangeRequestStatus.IN_REVIEW,
                1,
                "sha256:1",
                now,
                now);
        ApprovalSubject subject = ApprovalSubject.of(
                changeRequest, List.of(SubjectTask.ofScript("prod-shop", "prod", "shop", Dialect.MYSQL, script)));

        ApprovalProcess p = engine.submit(subject);

        assertThat(p.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(p.risk().risk()).isEqualTo(Risk.HIGH);
        assertThat(p.risk().matches()).singleElement().satisfies(m -> {
            assertThat(m.ruleId()).isEqualTo("prod-ddl");
            assertThat(m.taskId()).isEqualTo("prod-shop");
            assertThat(m.statementIndex()).isZero();
            assertThat(m.variables()).containsEntry("environment_id", "prod").containsEntry("sql_type", "ALTER_TABLE");
        });
        assertThat(p.flow().reason())
                .startsWith("flow rule 'high-ddl' matched (source DDL, risk HIGH, condition")
                .contains("flow 'tester-owner-dba'");
        assertThat(p.flow().steps())
                .containsExactly(
                        ApprovalStep.of("TESTER"),
                        new ApprovalStep(Roles.PROJECT_OWNER, 2),
                        ApprovalStep.of(Roles.DBA));
        ApprovalProcess pending = p;
        assertThatThrownBy(() -> engine.approve(pending, "olga", subject.contentHash(), "looks right"))
                .hasMessage("APPROVAL_FORBIDDEN: request r1: step 1 of 3 waits for role TESTER; olga holds"
                        + " PROJECT_OWNER; they may decide step 2 (PROJECT_OWNER) once step 1 is done");

        p = engine.approve(p, "tess", subject.contentHash(), "tests pass");
        p = engine.approve(p, "olga", subject.contentHash(), "looks right");
        p = engine.approve(p, "otto", subject.contentHash(), "agreed");
        p = engine.approve(p, "dora", subject.contentHash(), "online DDL is fine");
        assertThat(p.status()).isEqualTo(ApprovalStatus.APPROVED);
    }
}
