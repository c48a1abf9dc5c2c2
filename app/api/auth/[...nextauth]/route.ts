// GET/POST /api/auth/* — next-auth's own endpoints (sign-in, callback, session, sign-out); credentials sign-ins are throttled
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { throttledSignIn } from "@/lib/auth/sign-in-throttle";

export const runtime = "nodejs";

type Ctx = { params: Promise<{ nextauth: string[] }> };

function handler(req: Request, ctx: Ctx) {
  return NextAuth(authOptions())(req, ctx) as Promise<Response>;
}

async function POST(req: Request, ctx: Ctx): Promise<Response> {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") === "callback/credentials") {
    return throttledSignIn(req, () => handler(req, { params: Promise.resolve({ nextauth }) }));
  }
  return handler(req, { params: Promise.resolve({ nextauth }) });
}

export { handler as GET, POST };
