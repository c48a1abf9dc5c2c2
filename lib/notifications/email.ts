import nodemailer from "nodemailer";
import type { ChannelTarget } from "./channels";
import type { EmailBody } from "./render";

type EmailTarget = Extract<ChannelTarget, { kind: "email" }>;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost)$/;
const lineBreak = /[\r\n]/;

/**
 * Sends one rendered email over SMTP. A password never crosses the network in clear: with a
 * user configured, STARTTLS is required unless the server is on this machine. Header values
 * are one line already (render.ts); one with a line break is refused here all the same, so no
 * reason or title can add a header (Bcc:) or a second message. Message-ID is made from the
 * delivery id: a retry is the same message to a mail client.
 */
export async function sendEmail(target: EmailTarget, body: string, id: string): Promise<string> {
  const mail = JSON.parse(body) as EmailBody;
  if (lineBreak.test(mail.subject)) throw new Error("refused: a line break in the subject");
  const { smtp } = target;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: !smtp.secure && Boolean(smtp.user) && !LOOPBACK.test(smtp.host),
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? "" } } : {}),
    connectionTimeout: target.timeoutMs,
    greetingTimeout: target.timeoutMs,
    socketTimeout: target.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const info = await Promise.race([
      transport.sendMail({
        from: target.from,
        to: target.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${id.replace(/[^A-Za-z0-9._-]/g, "-")}.${target.id}@stagewatch>`,
        headers: { "X-Stagewatch-Delivery": id.replace(/[^A-Za-z0-9#:._-]/g, "-") },
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(Object.assign(new Error("timed out"), { name: "TimeoutError" })),
          target.timeoutMs,
        );
      }),
    ]);
    return `SMTP ${String(info.response)}`.slice(0, 300);
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}
