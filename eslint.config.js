// ESLint (flat config) with typescript-eslint. Formatting is Prettier's job (npm run format);
// these rules catch mistakes and keep the boundaries the architecture relies on.
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "web/dist/",
      "node_modules/",
      "bench/.data/",
      "test/.artifacts/",
      "web/public/",
    ],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      // type-graphql and MikroORM read decorator metadata: type-import fixes must keep the values
      // that `design:type` refers to.
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      curly: ["error", "multi-line"],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    // Entry points and scripts talk to a terminal.
    files: ["server/main.ts", "server/scripts/**", "scripts/**", "bench/**", "test/**"],
    rules: { "no-console": "off" },
  },
  {
    // Tests read untyped GraphQL JSON answers.
    files: ["test/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Pure analytics: no database, no GraphQL, no other server folder (STYLE.md, analytics).
    files: ["server/analytics/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@mikro-orm/*", "type-graphql", "graphql", "graphql/*"],
              message: "server/analytics is pure: no ORM or GraphQL.",
            },
            {
              group: ["../*", "!../analytics/*"],
              message: "server/analytics imports nothing else from the server.",
            },
          ],
        },
      ],
    },
  },
  {
    // The web knows the API only through schema/schema.graphql.
    files: ["web/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/server/**", "**/bench/**", "**/test/**"],
              message: "The web never imports server code.",
            },
          ],
        },
      ],
    },
  },
);
