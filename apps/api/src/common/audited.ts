import {
  Injectable,
  SetMetadata,
  ServiceUnavailableException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal, Role } from '@terugkeer/auth';
import { AuditLog } from '@terugkeer/persistence';
import type { Request } from 'express';
import { mergeMap, type Observable } from 'rxjs';

type AuditedRequest = Request & { principal?: Principal; id?: unknown };

export interface AuditSpec {
  /** e.g. `read:detention`. */
  action: string;
  /** The categories of personal data the answer carries. */
  fields: string[];
  /** The detentions the answer concerns. */
  detentions: (result: unknown, request: AuditedRequest) => string[];
  /** What else was acted on (a partner id, say). */
  target?: (result: unknown, request: AuditedRequest) => string | undefined;
}

const AUDIT_SPEC = Symbol('AUDIT_SPEC');

/** The answer of this route is written to the audit log before it is sent; no audit entry, no answer (503). */
export const Audited = (spec: AuditSpec) => SetMetadata(AUDIT_SPEC, spec);

/** The detention named by the `:id` path parameter. */
export const detentionParam = (_result: unknown, request: AuditedRequest) => [String(request.params.id)];
/** The `id` of the answer (a detention). */
export const resultId = (result: unknown) => [(result as { id: string }).id];
/** The `detentionId` of the answer (a task, a request, a timeline). */
export const resultDetention = (result: unknown) => [(result as { detentionId: string }).detentionId];
/** The detentions of a page of items: their `detentionId`, or their `id` when the items are detentions. */
export const itemDetentions =
  (key: 'id' | 'detentionId' = 'detentionId') =>
  (result: unknown) =>
    (result as { items: Record<string, string>[] }).items.map((item) => item[key]);

/**
 * On which basis each role reads personal data (DOMAIN.md, privacy and law). Written with every read so that an
 * inspector sees the basis the system applied, not one reconstructed later.
 */
export const READ_BASIS: Record<Role, string> = {
  casemanager: 'Pbw: re-integration of the detainee, task of the prison (casemanager)',
  municipality: 'Pbw art. 18a and per-condition consent: re-integration task of the municipality',
  probation: 'Reclasseringsregeling 1995: task of the probation organisation',
  supervisor: 'supervision of the chain within scope',
  partner: 'request by Terugkeer, purpose-bound per request type',
  admin: 'administration (no personal data)',
};

@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<AuditSpec | undefined>(AUDIT_SPEC, context.getHandler());
    if (!spec) return next.handle();
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    return next.handle().pipe(
      mergeMap(async (result: unknown) => {
        const principal = request.principal!;
        try {
          await this.audit.append({
            actor: principal.sub,
            role: principal.role,
            org: principal.org,
            action: spec.action,
            detentionIds: spec.detentions(result, request).filter(Boolean),
            fields: spec.fields,
            basis: READ_BASIS[principal.role],
            requestId: request.id === undefined ? undefined : String(request.id),
            target: spec.target?.(result, request),
          });
        } catch {
          // Fail closed: what cannot be accounted for is not shown.
          throw new ServiceUnavailableException('the audit log cannot be written; try again later');
        }
        return result;
      }),
    );
  }
}
