package io.dbchange.core.review.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.ReviewRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The index of built-in rules must name exactly the rules the services file lists, with their ids and aliases. */
class BuiltInRulesTest {

    @Test
    void the_index_matches_every_rule_the_services_file_names() {
        List<ReviewRule> services = ServiceLoader.load(
                        ReviewRule.class, getClass().getClassLoader())
                .stream()
                .map(ServiceLoader.Provider::get)
                .filter(rule -> rule.getClass().getName().startsWith(BuiltInRules.packagePrefix()))
                .toList();
        List<String> expected = new ArrayList<>();
        for (ReviewRule rule : services) {
            String className = rule.getClass()
                    .getName()
                    .substring(BuiltInRules.packagePrefix().length());
            expected.add(className + " " + rule.descriptor().id() + " "
                    + rule.descriptor().aliases().stream().sorted().collect(Collectors.joining(",")));
        }
        List<String> indexed = Arrays.stream(BuiltInRules.index())
                .map(e -> e[0] + " " + e[1] + " "
                        + Arrays.stream(e, 2, e.length).sorted().collect(Collectors.joining(",")))
                .toList();

        assertThat(indexed)
                .as("BuiltInRules.INDEX must list what META-INF/services/...ReviewRule lists")
                .containsExactlyInAnyOrderElementsOf(expected);
        for (String[] entry : BuiltInRules.index()) {
            assertThat(BuiltInRules.create(entry[1]).getClass().getName())
                    .isEqualTo(BuiltInRules.packagePrefix() + entry[0]);
        }
    }

    @Test
    void installed_rules_are_created_on_first_use_and_then_shared() {
        ReviewRules installed = ReviewRules.installed();
        ReviewRule first = installed.find("table.require-pk").orElseThrow();

        assertThat(installed.find("table.require-pk")).containsSame(first);
        assertThat(installed.find("table.no-fk")).as("an alias").containsInstanceOf(TableNoForeignKey.class);
        assertThat(installed.find("no.such-rule")).isEmpty();
        assertThat(installed.all()).hasSize(BuiltInRules.index().length).contains(first);
        assertThat(installed.all().stream().map(r -> r.descriptor().id()).collect(Collectors.toSet()))
                .hasSize(BuiltInRules.index().length)
                .containsAll(Set.of("table.require-pk", "pg.require-concurrent-index"));
    }
}
