package io.dbchange.core.approval;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.approval.ApprovalErrorCode;
import io.dbchange.api.approval.ApprovalFlow;
import io.dbchange.api.approval.ApprovalStep;
import io.dbchange.api.approval.ApprovalStepType;
import io.dbchange.api.approval.Risk;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.approval.internal.CelExpressions;
import io.dbchange.core.approval.internal.StatementFacts;
import io.dbchange.core.review.statement.StatementParser;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Risk and flow: evaluates the risk rules over every statement of every task and picks the flow. Package-private so
 * it can read the configuration's compiled programs, which are not API.
 */
final class RiskAssessor {

    private final ApprovalConfig config;

    RiskAssessor(ApprovalConfig config) {
        this.config = config;
    }

    /**
     * The risk of {@code subject}: for each task the highest level of the risk rules (of the subject's source) that
     * match any of its statements, LOW if none; for the request the highest over its tasks.
     *
     * @throws DbChangeException {@code RISK_EVALUATION_FAILED} if a rule fails at run time; names rule, task and
     *     statement
     */
    RiskAssessment assessRisk(ApprovalSubject subject) {
        Checks.notNull("subject", subject);
        List<RiskRule> rules = config.riskRules().stream()
                .filter(r -> r.source().map(s -> s == subject.source()).orElse(true))
                .toList();
        List<TaskRisk> taskRisks = new ArrayList<>();
        List<RiskMatch> matches = new ArrayList<>();
        Map<Dialect, StatementParser> parsers = new EnumMap<>(Dialect.class);
        try {
            for (SubjectTask task : subject.tasks()) {
                Risk risk = Risk.LOW;
                if (!rules.isEmpty()) {
                    // parse each statement once, whatever the number of rules
                    List<StatementFacts> facts = new ArrayList<>();
                    for (SubjectStatement statement : task.statements()) {
                        StatementParser parser = parsers.computeIfAbsent(task.dialect(), StatementParser::forDialect);
                        facts.add(StatementFacts.of(parser, statement.sql()));
                    }
                    for (RiskRule rule : rules) {
                        Optional<RiskMatch> match = match(rule, subject, task, facts);
                        if (match.isPresent()) {
                            matches.add(match.get());
                            risk = risk.max(rule.level());
                        }
                    }
                }
                taskRisks.add(reviewed(task, risk));
            }
        } finally {
            parsers.values().forEach(StatementParser::close);
        }
        Risk risk = Risk.max(taskRisks.stream().map(TaskRisk::risk).toList());
        return new RiskAssessment(risk, taskRisks, matches);
    }

    private Optional<RiskMatch> match(
            RiskRule rule, ApprovalSubject subject, SubjectTask task, List<StatementFacts> allFacts) {
        CelExpressions.Compiled program = config.riskProgram(rule.id());
        List<SubjectStatement> statements = task.statements();
        // a task without statements is still judged once, on its environment, database and project
        int count = statements.isEmpty() ? 1 : statements.size();
        int first = -2;
        Map<String, Object> firstVariables = null;
        StatementFacts firstFacts = null;
        int matching = 0;
        for (int i = 0; i < count; i++) {
            SubjectStatement statement = statements.isEmpty() ? null : statements.get(i);
            StatementFacts facts = statement == null ? StatementFacts.NONE : allFacts.get(i);
            Map<String, Object> variables = riskVariables(subject, task, statement, facts);
            boolean matched;
            try {
                matched = program.test(variables);
            } catch (Exception e) {
                throw new DbChangeException(
                        ApprovalErrorCode.RISK_EVALUATION_FAILED,
                        "risk rule '" + rule.id() + "' failed on task '" + task.taskId() + "'"
                                + (statement == null ? "" : " statement #" + (i + 1) + " `" + facts.shortText() + "`")
                                + ": " + e.getMessage() + "; fix the rule's expression",
                        e);
            }
            if (matched) {
                matching++;
                if (firstVariables == null) {
                    first = statement == null ? -1 : i;
                    firstVariables = variables;
                    firstFacts = facts;
                }
            }
        }
        if (matching == 0) {
            return Optional.empty();
        }
        Map<String, String> shown = new TreeMap<>();
        firstVariables.forEach((k, v) -> shown.put(k, String.valueOf(v)));
        return Optional.of(
                new RiskMatch(rule.id(), rule.level(), task.taskId(), first, firstFacts.shortText(), shown, matching));
    }

    private static Map<String, Object> riskVariables(
            ApprovalSubject subject, SubjectTask task, SubjectStatement statement, StatementFacts facts) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("environment_id", task.environmentId());
        v.put("project_id", subject.projectId());
        v.put("database_name", task.databaseName());
        v.put("db_engine", task.dialect().name());
        v.put("sql_type", facts.sqlType());
        v.put("statement_kind", facts.statementKind());
        v.put("table_name", facts.tableName());
        v.put("affected_rows", statement == null ? SubjectStatement.UNKNOWN : statement.affectedRows());
        v.put("table_rows", statement == null ? SubjectStatement.UNKNOWN : statement.tableRows());
        StatementReview review = statement == null ? StatementReview.NONE : statement.review();
        v.put("review_max_level", review.maxLevel());
        v.put("review_rules", review.rules());
        v.put("review_error", review.error());
        v.put("estimate_error", statement == null ? "no statement" : statement.estimateError());
        return v;
    }

    /**
     * The task's risk with the review it was assessed with: a task is reviewed as one script, so its statements are
     * all {@code NONE}, all {@code UNKNOWN} (with one reason), or all reviewed; the task's level is then the highest.
     */
    private static TaskRisk reviewed(SubjectTask task, Risk risk) {
        List<StatementReview> reviews =
                task.statements().stream().map(SubjectStatement::review).toList();
        Optional<StatementReview> unknown = reviews.stream()
                .filter(r -> r.maxLevel().equals(StatementReview.UNKNOWN))
                .findFirst();
        List<StatementReview> done = reviews.stream()
                .filter(r -> !r.maxLevel().equals(StatementReview.UNKNOWN)
                        && !r.maxLevel().equals(StatementReview.NOT_REVIEWED))
                .toList();
        String level;
        List<String> shown = new ArrayList<>();
        if (unknown.isPresent()) {
            level = StatementReview.UNKNOWN;
            shown.add(unknown.get().error());
        } else if (done.isEmpty()) {
            level = StatementReview.NOT_REVIEWED;
        } else {
            // a finding about the whole script is on every statement: show it once
            Set<Finding> findings = new LinkedHashSet<>();
            done.forEach(r -> findings.addAll(r.findings()));
            level = findings.stream()
                    .map(Finding::level)
                    .reduce(Level::max)
                    .map(Level::name)
                    .orElse("");
            findings.stream().limit(TaskRisk.SHOWN_FINDINGS).forEach(f -> shown.add(f.toString()));
            if (findings.size() > TaskRisk.SHOWN_FINDINGS) {
                shown.add("... and " + (findings.size() - TaskRisk.SHOWN_FINDINGS) + " more");
            }
        }
        return new TaskRisk(task.taskId(), task.environmentId(), task.databaseName(), risk, level, shown);
    }

    /**
     * The flow for a request of {@code subject} with {@code risk}: the first flow rule whose source, risk and
     * condition match; none means no approval, except that a rollback always gets a step for the rollback role
     * (appended to the flow unless the flow already has a role step for it).
     */
    FlowChoice chooseFlow(ApprovalSubject subject, RiskAssessment risk) {
        Checks.notNull("subject", subject);
        Checks.notNull("risk", risk);
        Optional<FlowRule> chosen = Optional.empty();
        for (FlowRule rule : config.flowRules()) {
            if (rule.source().isPresent() && rule.source().get() != subject.source()) {
                continue;
            }
            if (rule.risk().isPresent() && rule.risk().get() != risk.risk()) {
                continue;
            }
            Optional<CelExpressions.Compiled> condition = config.flowProgram(rule.id());
            if (condition.isPresent() && !conditionHolds(rule, condition.get(), subject, risk)) {
                continue;
            }
            chosen = Optional.of(rule);
            break;
        }
        List<ApprovalStep> steps = new ArrayList<>();
        StringBuilder reason = new StringBuilder();
        if (chosen.isPresent()) {
            FlowRule rule = chosen.get();
            ApprovalFlow flow = config.flows().get(rule.flowId());
            steps.addAll(flow.steps());
            reason.append("flow rule '")
                    .append(rule.id())
                    .append("' matched (source ")
                    .append(subject.source())
                    .append(", risk ")
                    .append(risk.risk())
                    .append(rule.condition().map(c -> ", condition `" + c + "`").orElse(""))
                    .append("): flow '")
                    .append(flow.id())
                    .append("' ")
                    .append(flow.steps());
        } else {
            reason.append("no flow rule matched (source ")
                    .append(subject.source())
                    .append(", risk ")
                    .append(risk.risk())
                    .append("): no approval needed");
        }
        if (subject.source() == ChangeSource.ROLLBACK) {
            boolean covered = steps.stream()
                    .anyMatch(s ->
                            s.type().equals(ApprovalStepType.ROLE) && s.role().equals(config.rollbackRole()));
            if (!covered) {
                steps.add(ApprovalStep.of(config.rollbackRole()));
                reason.append("; rollback policy: every rollback needs an approval by ")
                        .append(config.rollbackRole())
                        .append(", added as step ")
                        .append(steps.size());
            }
        }
        return new FlowChoice(chosen.map(FlowRule::id), chosen.map(FlowRule::flowId), steps, reason.toString());
    }

    private static boolean conditionHolds(
            FlowRule rule, CelExpressions.Compiled condition, ApprovalSubject subject, RiskAssessment risk) {
        Set<String> environments = new LinkedHashSet<>();
        subject.tasks().forEach(t -> environments.add(t.environmentId()));
        Map<String, Object> variables = Map.of(
                "source", subject.source().name(),
                "risk", risk.risk().name(),
                "project_id", subject.projectId(),
                "environment_ids", List.copyOf(environments));
        try {
            return condition.test(variables);
        } catch (Exception e) {
            throw new DbChangeException(
                    ApprovalErrorCode.RISK_EVALUATION_FAILED,
                    "flow rule '" + rule.id() + "' condition failed for request " + subject.requestId() + ": "
                            + e.getMessage() + "; fix the condition",
                    e);
        }
    }
}
