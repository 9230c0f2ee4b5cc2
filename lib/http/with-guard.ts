import "server-only";
import type { Action, Viewer } from "@/lib/access";
import { guardRoute, type RouteScope } from "@/lib/access/server";
// The one way to write a route handler under app/api: withGuard(action, options, handler)
// answers 401/403 as guardRoute does (lib/access/guard.ts), then checks the route's segments
// in the order given (an unknown value is paramNotFound's 404), then calls the handler with
// the request, the viewer and the parsed segments. Query parameters stay the handler's.
// Before all that, a state-changing request (POST, PUT, PATCH, DELETE) not sent from this
// site's pages is refused with a 403 (lib/http/same-origin.ts), for every route at once.
//
// Here rather than in lib/access: the guard decides who may; this is the shape of a Next
// route handler (its context's params, Responses for refusals), as route-params.ts is.
import { type ParamSpec, paramNotFound } from "@/lib/http/route-params";
import { foreignOriginRefusal } from "@/lib/http/same-origin";

type Specs = Record<string, ParamSpec<unknown>>;
type Raw<S extends Specs> = { [K in keyof S]: string };
type Parsed<S extends Specs> = { [K in keyof S]: S[K] extends ParamSpec<infer T> ? T : never };

export type GuardedRequest<S extends Specs> = {
  request: Request;
  viewer: Viewer;
  /** The segments as their specs parsed them. */
  params: Parsed<S>;
  /** Every segment of the route as received, checked or not (to name one in a later 404). */
  raw: Raw<S> & Readonly<Record<string, string>>;
};

export type GuardOptions<S extends Specs> = {
  /** The route's segments, checked in this order after the guard. */
  params?: S;
  /** The guard's scope; a function of the raw segments when it names one of them (a unit). */
  scope?: RouteScope | ((raw: Raw<S>) => RouteScope);
};

/** A Next route handler: static routes are called without a context. */
export type RouteHandler<S extends Specs> = (
  request: Request,
  context?: { params: Promise<Raw<S>> },
) => Promise<Response>;

export function withGuard(
  action: Action,
  handler: (route: GuardedRequest<Record<never, never>>) => Promise<Response>,
): RouteHandler<Record<never, never>>;
export function withGuard<S extends Specs = Record<never, never>>(
  action: Action,
  options: GuardOptions<S>,
  handler: (route: GuardedRequest<S>) => Promise<Response>,
): RouteHandler<S>;
export function withGuard<S extends Specs>(
  action: Action,
  ...args:
    | [(route: GuardedRequest<S>) => Promise<Response>]
    | [GuardOptions<S>, (route: GuardedRequest<S>) => Promise<Response>]
): RouteHandler<S> {
  const [options, handler] = args.length === 1 ? [{} as GuardOptions<S>, args[0]] : args;
  return async (request, context) => {
    const foreign = foreignOriginRefusal(request);
    if (foreign) return foreign;
    const raw = ((await context?.params) ?? {}) as GuardedRequest<S>["raw"];
    const scope = typeof options.scope === "function" ? options.scope(raw) : options.scope;
    const guard = await guardRoute(action, scope);
    if (!guard.ok) return guard.response;
    const params: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(options.params ?? {})) {
      const value = await spec.parse(raw[name] ?? "");
      if (value === null) return paramNotFound(spec.notFound, raw[name] ?? "");
      params[name] = value;
    }
    return handler({ request, viewer: guard.viewer, params: params as Parsed<S>, raw });
  };
}
