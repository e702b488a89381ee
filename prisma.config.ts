import { defineConfig } from "prisma/config";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { resolveDatabase } from "./app/lib/database-target.js";

// Prisma's engines cannot be downloaded on these machines, so the CLI runs the
// WebAssembly schema engine through the same driver adapters the app uses at runtime.
const target = resolveDatabase(process.env);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: target.provider === "sqlite" ? "prisma/schema.prisma" : "prisma/postgresql/schema.prisma",
  migrations: {
    path: target.provider === "sqlite" ? "prisma/migrations" : "prisma/postgresql/migrations",
  },
  async adapter() {
    return target.provider === "sqlite"
      ? new PrismaLibSQL({ url: target.url })
      : new PrismaPg({ connectionString: target.url });
  },
});
