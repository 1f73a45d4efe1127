package io.dbchange.core.approval.internal;

import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Compiles boolean CEL expressions over a fixed set of variables. Type-checking happens here, once, when the
 * configuration is built; an expression that passes can still fail at run time only through CEL's own runtime errors
 * (division by zero, overflow), never through an unknown variable or a type mismatch.
 */
public final class CelExpressions {

    // One runtime for every program: CEL runtimes and programs are immutable and thread-safe.
    private static final CelRuntime RUNTIME =
            CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final CelCompiler compiler;

    private CelExpressions(CelCompiler compiler) {
        this.compiler = compiler;
    }

    /** Expressions over {@code variables}: name to CEL type name ({@code string}, {@code int}, {@code list(string)}). */
    public static CelExpressions over(Map<String, String> variables) {
        CelCompilerBuilder builder =
                CelCompilerFactory.standardCelCompilerBuilder().setResultType(SimpleType.BOOL);
        variables.forEach((name, type) -> builder.addVar(name, type(type)));
        return new CelExpressions(builder.build());
    }

    /**
     * Compiles {@code expression}; on failure returns the problems, each with its line and column in the
     * expression, e.g. {@code "1:1: undeclared reference to 'enviroment_id'"}.
     */
    public Compiled compile(String expression) {
        CelValidationResult result = compiler.compile(expression);
        if (result.hasError()) {
            String problems =
                    result.getErrors().stream().map(CelExpressions::describe).collect(Collectors.joining("; "));
            return new Compiled(expression, Optional.empty(), problems);
        }
        try {
            CelRuntime.Program program = RUNTIME.createProgram(result.getAst());
            return new Compiled(expression, Optional.of(program), "");
        } catch (CelValidationException | CelEvaluationException e) {
            return new Compiled(expression, Optional.empty(), e.getMessage());
        }
    }

    private static String describe(CelIssue issue) {
        var location = issue.getSourceLocation();
        String at = location.getLine() > 0
                ? "line " + location.getLine() + ", column " + (location.getColumn() + 1) + ": "
                : "";
        return at + issue.getMessage();
    }

    private static CelType type(String name) {
        return switch (name) {
            case "string" -> SimpleType.STRING;
            case "int" -> SimpleType.INT;
            case "bool" -> SimpleType.BOOL;
            case "list(string)" -> ListType.create(SimpleType.STRING);
            default -> throw new IllegalArgumentException("no CEL type '" + name + "'");
        };
    }

    /**
     * A compiled expression, or why it did not compile.
     *
     * @param expression the source
     * @param program the program; empty when it did not compile
     * @param problems why it did not compile; {@code ""} when it did
     */
    public record Compiled(String expression, Optional<CelRuntime.Program> program, String problems) {

        /** Whether it compiled. */
        public boolean ok() {
            return program.isPresent();
        }

        /**
         * Evaluates it with {@code variables} (CEL int as {@link Long}, string as {@link String}, list as
         * {@link java.util.List}).
         *
         * @throws CelEvaluationException on a CEL runtime error
         */
        public boolean test(Map<String, ?> variables) throws CelEvaluationException {
            Object value = program.orElseThrow(() -> new IllegalStateException("'" + expression + "' did not compile"))
                    .eval(variables);
            return Boolean.TRUE.equals(value);
        }
    }
}
