"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/access/auth";
import { callbackPath } from "@/lib/access/callback-path";

export type SignInState = { error?: "invalid" | "throttled" | "missing"; username?: string };

const formSchema = z.object({
  username: z.string().trim().min(1),
  password: z.string().min(1),
  callbackUrl: z.string().optional(),
});

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = formSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: "missing", username: String(formData.get("username") ?? "") };
  const { username, password, callbackUrl } = parsed.data;
  try {
    await signIn("credentials", { username, password, redirectTo: callbackPath(callbackUrl) });
    return {};
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const code = error.code === "throttled" ? "throttled" : "invalid";
      return { error: code, username };
    }
    if (error instanceof AuthError) return { error: "invalid", username };
    throw error; // the redirect after a successful sign-in
  }
}
