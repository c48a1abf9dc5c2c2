// GET/POST /api/auth/* — next-auth's own endpoints (sign-in, callback, session, sign-out); credentials sign-ins are throttled, unreadable bodies are 400
import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { authBodyProblem } from "@/lib/auth/auth-body";
import { throttledSignIn } from "@/lib/auth/sign-in-throttle";

export const runtime = "nodejs";

type Ctx = { params: Promise<{ nextauth: string[] }> };

function handler(req: Request, ctx: Ctx) {
  return NextAuth(authOptions())(req, ctx) as Promise<Response>;
}

async function POST(req: Request, ctx: Ctx): Promise<Response> {
  // next-auth parses the body itself and answers 500 when it cannot.
  const problem = await authBodyProblem(req);
  if (problem) return NextResponse.json({ error: "bad_request", message: problem }, { status: 400 });
  const { nextauth } = await ctx.params;
  const forward = () => handler(req, { params: Promise.resolve({ nextauth }) });
  return nextauth.join("/") === "callback/credentials" ? throttledSignIn(req, forward) : forward();
}

export { handler as GET, POST };
