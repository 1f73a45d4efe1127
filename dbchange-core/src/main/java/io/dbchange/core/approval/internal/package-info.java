/**
 * Implementation of the approval engine: CEL compilation and evaluation, statement facts for risk variables, the
 * built-in step types and callback-token hashing. Not API: may change in any release.
 */
package io.dbchange.core.approval.internal;
