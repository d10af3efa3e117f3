// E-mail through SMTP (nodemailer), configured by environment: SEANCE_SMTP_URL
// ("smtp://user:pass@mail.ville.fr:587", "smtps://…:465") and SEANCE_MAIL_FROM ("Mairie de Poitiers
// <assemblees@ville.fr>"). Without SEANCE_SMTP_URL e-mail is off: Séance still delivers the convocation
// to the members' devices, and the clerk's screen says e-mail is off.
import nodemailer, { type Transporter } from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

export interface Mailer {
  enabled: boolean;
  from: string | null;
  /** Resolves when the SMTP server accepted the message (its id), rejects with its answer otherwise. */
  send(mail: Mail): Promise<string>;
  close(): void;
}

export function createMailer(env: NodeJS.ProcessEnv = process.env): Mailer {
  const url = env.SEANCE_SMTP_URL?.trim();
  if (!url) return { enabled: false, from: null, send: () => Promise.reject(new Error("e-mail is off (SEANCE_SMTP_URL is not set)")), close: () => undefined };
  const from = env.SEANCE_MAIL_FROM?.trim() || "Séance <seance@localhost>";
  // One connection, reused, so a convocation to 69 members is 69 messages on one SMTP session.
  const transport: Transporter = nodemailer.createTransport(url, { from });
  const pooled = nodemailer.createTransport(
    { ...(transport.options as object), pool: true, maxConnections: 1 } as Parameters<typeof nodemailer.createTransport>[0],
    { from },
  );
  transport.close();
  return {
    enabled: true,
    from,
    async send(mail) {
      const info = (await pooled.sendMail({ from, ...mail })) as { messageId: string };
      return info.messageId;
    },
    close: () => pooled.close(),
  };
}
