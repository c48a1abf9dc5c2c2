import type { Metadata } from "next";
import { cookies } from "next/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Stagewatch", template: "%s · Stagewatch" },
  description: "Health of the Google Cloud staging environment, measured — never assumed.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // An explicit choice wins; without one, CSS follows the system (prefers-color-scheme).
  const theme = (await cookies()).get("theme")?.value;
  return (
    <html lang="en" data-theme={theme === "light" || theme === "dark" ? theme : undefined}>
      <body>{children}</body>
    </html>
  );
}
