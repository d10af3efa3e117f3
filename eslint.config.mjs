// ESLint (flat config): typescript-eslint with type information, React's hook rules and jsx-a11y on
// the screens, and the project's size rules on production code. The project's own checks that
// ESLint has no rule for (kebab-case file names, a pure core, no focused tests) are scripts/lint.ts.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import globals from "globals";

const PRODUCTION = ["app/**/*.{ts,tsx}", "core/**/*.ts", "server/**/*.ts", "lib/**/*.ts"];

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "reports/**",
      "test-results/**",
      "playwright-report/**",
      "data/**",
      "docs/**",
      "next-env.d.ts",
      "**/*.{js,cjs,mjs}",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ["vitest.config.mts"] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // `void promise` marks a deliberate fire-and-forget.
      "@typescript-eslint/no-floating-promises": ["error", { ignoreVoid: true }],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      // Yjs' XML types print themselves as XML.
      "@typescript-eslint/no-base-to-string": [
        "error",
        {
          ignoredTypeNames: [
            "Error",
            "RegExp",
            "URL",
            "URLSearchParams",
            "XmlFragment",
            "XmlElement",
            "XmlText",
            "YXmlFragment",
            "YXmlElement",
            "YXmlText",
            "YText",
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.tsx", "lib/**/*.ts"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules, ...jsxA11y.flatConfigs.recommended.rules },
  },
  {
    files: PRODUCTION,
    ignores: ["core/records/deliberation-parser.ts"],
    rules: {
      "max-lines": ["error", { max: 400, skipBlankLines: false, skipComments: false }],
      "max-lines-per-function": ["error", { max: 120, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    files: ["tests/**/*.ts", "e2e/**/*.ts", "bench/**/*.ts", "scripts/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/unbound-method": "off",
      "@typescript-eslint/require-await": "off",
    },
  },
);
