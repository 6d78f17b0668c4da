import { describe, expect, it } from 'vitest';
import { apiSignature, paramsData, sha256Hex, tokenEncryption } from './signature';

// Expected digests were computed outside this code base from the concatenated strings shown
// (printf '%s' '<string>' | sha256sum), following spec §1.7 step by step.

describe('EnOS signature (spec §1.7.2)', () => {
  it('hashes UTF-8 to lowercase hex', () => {
    // sha256("") is the well-known e3b0c442…b855.
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('reproduces the doc example: ?k3=v3&k1=v1&k2=v2 + body', () => {
    // 1. sort names: k1, k2, k3          -> "k1v1k2v2k3v3"
    // 2. append the raw body {"a":1}      -> 'k1v1k2v2k3v3{"a":1}'
    const params = paramsData({ k3: 'v3', k1: 'v1', k2: 'v2' }, '{"a":1}');
    expect(params).toBe('k1v1k2v2k3v3{"a":1}');
    // 3. token + paramsData + timestamp + secret
    //    = 'APP_TOKEN_1k1v1k2v2k3v3{"a":1}1572574909697SECRET_1'
    expect(apiSignature('APP_TOKEN_1', params, 1572574909697, 'SECRET_1')).toBe(
      '3b6d894d0dc1e93da724b8e210fa200dba1bdda1aeaac4c954416e400e747efb',
    );
  });

  it('signs a GET with no body (Get Flow)', () => {
    // query action=get, flowId=2479, orgId=o15724268424841, userId=u15724268424842
    // sorted: action < flowId < orgId < userId
    // paramsData = 'actiongetflowId2479orgIdo15724268424841userIdu15724268424842' (no body)
    // signData   = 'tok-9' + paramsData + '1700000000000' + 'sk-demo'
    const params = paramsData({
      userId: 'u15724268424842',
      orgId: 'o15724268424841',
      action: 'get',
      flowId: '2479',
    });
    expect(params).toBe('actiongetflowId2479orgIdo15724268424841userIdu15724268424842');
    expect(apiSignature('tok-9', params, 1700000000000, 'sk-demo')).toBe(
      '558f8bbe7c9985612e7bcdb270aa119e68d36e73d84691a620b0ecd3c7a550b1',
    );
  });

  it('sorts by ASCII code, upper case before lower case', () => {
    // names b, B, a_, A -> A(65) B(66) a_(97,95) b(98) -> 'A1B2a_3b4'
    // signData = 't' + 'A1B2a_3b4' + '1' + 'sk' = 'tA1B2a_3b41sk'
    const params = paramsData({ b: '4', B: '2', a_: '3', A: '1' });
    expect(params).toBe('A1B2a_3b4');
    expect(apiSignature('t', params, 1, 'sk')).toBe(
      '5044fd5c83335585492758a36ac622e5357f1819214f964d2fe3c858e0850852',
    );
  });

  it('uses decoded values, hashed as UTF-8', () => {
    // ?expression=a%20b%20c&z=%C3%A9 decodes to expression='a b c', z='é'
    // signData = 't' + 'expressiona b c' + 'zé' + '1' + 's' = 'texpressiona b czé1s'
    const params = paramsData(Object.fromEntries(new URLSearchParams('expression=a%20b%20c&z=%C3%A9')));
    expect(params).toBe('expressiona b czé');
    expect(apiSignature('t', params, 1, 's')).toBe(
      '41ef3f03a363e0378ca55e815a7aa734041979be3958b052ecf05dac7055ee59',
    );
  });

  it('repeats a multi-valued name once per value, in sent order (our choice; spec leaves it open)', () => {
    // k=[2,1], x=9 -> 'k2k1x9'; signData = 't' + 'k2k1x9' + '1' + 'sk'
    const params = paramsData({ x: '9', k: ['2', '1'] });
    expect(params).toBe('k2k1x9');
    expect(apiSignature('t', params, 1, 'sk')).toBe(
      'c0b4a703aada73ad1388479bdd58f74b57e0b09f0b6a0c74ac8734a16ec1e210',
    );
  });
});

describe('token encryption (spec §1.7.1)', () => {
  it('is sha256(appKey + timestamp + appSecret)', () => {
    // 'ak-demo' + '1572574909697' + 'sk-demo' = 'ak-demo1572574909697sk-demo'
    expect(tokenEncryption('ak-demo', 1572574909697, 'sk-demo')).toBe(
      'a8b880244e8e1b6388ff1136f66674f7acaddf95b02422f555ff81803b120cca',
    );
  });
});
