import { imageTarget, repositoryTarget } from './reportTarget';

describe('the component a report names by its repository or image', () => {
  it('finds GitHub and GitLab repositories by their project-slug annotations, URLs read the same', () => {
    for (const repository of [
      'github.com/northbridge/edge-gateway',
      'https://github.com/northbridge/edge-gateway.git',
      'github.com/northbridge/edge-gateway/',
    ]) {
      expect(repositoryTarget(repository)).toEqual({
        annotation: 'github.com/project-slug',
        value: 'northbridge/edge-gateway',
        label: 'github.com/project-slug=northbridge/edge-gateway',
      });
    }
    expect(repositoryTarget('gitlab.com/northbridge/ml/fraud-scoring')).toEqual(
      {
        annotation: 'gitlab.com/project-slug',
        value: 'northbridge/ml/fraud-scoring',
        label: 'gitlab.com/project-slug=northbridge/ml/fraud-scoring',
      },
    );
  });

  it('refuses what is not a GitHub or GitLab project, saying what it expects', () => {
    for (const bad of [
      'github.com/northbridge',
      'github.com/a/b/c',
      'gitlab.com/only',
      'bitbucket.org/a/b',
      'github.com/a/b?x=1',
      'github.com/../b',
      'http://github.com/a/b',
    ]) {
      const result = repositoryTarget(bad);
      expect(result).toEqual({
        error: expect.stringContaining('is not github.com/<owner>/<repo>'),
      });
    }
  });

  it('finds an image by its repository in full, whatever its tag or digest', () => {
    const digest =
      'sha256:58fe87ff24d5a3ac35c887dcef82eb619565987c1083282f876c7c2657a5f94e';
    expect(imageTarget('registry.bank.example/payments/edge:1.4.2')).toEqual({
      annotation: 'integrated-ops.io/container-image',
      value: 'registry.bank.example/payments/edge',
      label:
        'integrated-ops.io/container-image=registry.bank.example/payments/edge',
    });
    expect(
      imageTarget(`registry.bank.example:5000/payments/edge@${digest}`),
    ).toMatchObject({
      value: 'registry.bank.example:5000/payments/edge',
    });
    // Docker Hub's short names, as Docker reads them.
    expect(imageTarget('nginx:1.25')).toMatchObject({
      value: 'docker.io/library/nginx',
    });
    expect(imageTarget('Payments/Edge')).toEqual({
      error: expect.stringMatching(
        /^image "Payments\/Edge" is not an image reference \(.*lower-case/,
      ),
    });
    expect(imageTarget('a b')).toHaveProperty('error');
  });

  it('refuses names the grammar refuses at once, however long (no backtracking: a pattern that backtracks runs past the test timeout)', () => {
    for (const bad of [
      `${'a'.repeat(40)}!`,
      'registry.bank.example/payments/edge@latest',
      'registry.bank.example/payments/edgegw@latest',
      `registry.bank.example/${'ab'.repeat(200)}-!`,
      'registry.bank.example/payments/edge:bad tag',
      'registry.bank.example/Payments/edge',
      '-registry.example/a/b',
    ]) {
      expect(imageTarget(bad)).toEqual({
        error: expect.stringMatching(/is not an image reference/),
      });
    }
  });
});
