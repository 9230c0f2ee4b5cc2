"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/access/auth";
import { callbackPath } from "@/lib/access/callback-path";

export type SignInState = { error?: "invalid" | "throttled" | "missing" | "demo"; username?: string };

const formSchema = z.object({
  username: z.string().trim().min(1),
  password: z.string().min(1),
  /** Issue 22: the one-time code or a recovery code; empty for users without a second factor. */
  code: z.string().optional(),
  callbackUrl: z.string().optional(),
});

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = formSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: "missing", username: String(formData.get("username") ?? "") };
  const { username, password, code, callbackUrl } = parsed.data;
  try {
    await signIn("credentials", { username, password, code: code ?? "", redirectTo: callbackPath(callbackUrl) });
    return {};
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const reason = error.code === "throttled" ? "throttled" : error.code === "demo" ? "demo" : "invalid";
      return { error: reason, username };
    }
    if (error instanceof AuthError) return { error: "invalid", username };
    throw error; // the redirect after a successful sign-in
  }
}
