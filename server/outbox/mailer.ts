import nodemailer from 'nodemailer';

/** One notification email. */
export interface Mail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/** Sends mail; rejects when the server refuses. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/** A mailer over SMTP (nodemailer), from an smtp:// or smtps:// URL. */
export function smtpMailer(smtpUrl: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl, { disableFileAccess: true, disableUrlAccess: true });
  return {
    async send(mail) {
      await transport.sendMail({ messageId: mail.messageId, from: mail.from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}
