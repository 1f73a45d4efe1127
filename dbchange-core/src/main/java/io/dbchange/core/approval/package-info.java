/**
 * The risk-adjusted approval engine: CEL {@link io.dbchange.core.approval.RiskRule risk rules} give each task of a
 * request a risk (the request's is the highest), ordered {@link io.dbchange.core.approval.FlowRule flow rules} pick an
 * approval flow for the risk, and the {@link io.dbchange.core.approval.ApprovalEngine} moves an immutable
 * {@link io.dbchange.core.approval.ApprovalProcess} through its steps, refusing every decision its policies forbid
 * and recording each one it takes in the process's audit log. Configuration comes from code or YAML/JSON
 * ({@link io.dbchange.core.approval.ApprovalConfigs}); the process state serializes to JSON
 * ({@link io.dbchange.core.approval.ApprovalJson}) for a store to keep. Nothing here touches a database.
 */
package io.dbchange.core.approval;
