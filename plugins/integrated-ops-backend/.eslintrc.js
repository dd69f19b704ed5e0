module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // The benchmark (a script, never part of the plugin's build): it uses
      // dev dependencies like the tests do.
      files: ['src/tests/performance/**'],
      rules: { '@backstage/no-undeclared-imports': 'off' },
    },
  ],
});
