package io.dbchange.api.pipeline;

/** How serious a {@link CheckResult} is. Only {@link #ERROR} blocks a task (unless overridden). */
public enum CheckLevel {
    SUCCESS,
    WARNING,
    ERROR
}
