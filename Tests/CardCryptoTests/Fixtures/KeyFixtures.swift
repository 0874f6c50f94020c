// TEST-ONLY fixtures. These keys protect nothing: never use them outside Tests/CardCryptoTests.
// Produced by an independent implementation, Python joserfc 1.6.5 (RSAKey.generate_key, jwe.encrypt_compact with
// JWERegistry(algorithms=["RSA-OAEP-256", "A256GCM"])), so decrypting `token` is a known-answer test.

enum JoserfcFixture {
    static let kid = "joserfc-fixture-1"

    /// PKCS#8 private key, 2048 bits. TEST ONLY.
    static let privateKeyPEM = """
-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDYHoBfV7HCffhS
ysjkN07TQibUTV9pXdfMkewhhBFUnrjOl5LJkOU5EgtsruryQlnyOkURke7DXMNK
/6Bzy6CKgyfz46Bx0Pfw7PN8L3ATfZel3hbuBxXRNWVRw/lViK3l5+Z1rER28JGL
PDEn1zxEVo93qRyfptOWsIoWVOdK2NV8nOOj5Rck13l+gjsBsSZT1dDspAoJI/ub
nGgcPS0uJMCQvYPregyWMEPOHdbXLUxChaX3V5TfU3/EDEVGp86Q3+z3Lc6+2TIK
mLKL7epuDx1BgqcLJQamut/Qhks/pXCP9Bd04mPLaSixO1nRRecc+UIMpR3hJ6QE
SI2jhlFjAgMBAAECggEAGuCsOW9IEbal5/IFSvCf8oETICshNxLvMCdjtQVePGZi
+Hp8TGojP9ZBKnqUiJ183zWk+lrqVUyXkx+4fj4wUJmgIeJIxW7mLwXhACxMJXhk
oEG/G0oxSev4llMnkp4ldmbBUBglCZ/Akg7h1CEeAye6vvh+sVJHlUGOYtmbTEDx
ps9gmm16snDp244HOSSI7CC2FMa06uqQOl5BlPB4y79hgFcK/FHqJMuM1JWgBJbj
3pIsUDTzwjEZh3WbiJI5jCqWz2f7UH1wwFfotp+47bo0HrR+uDZTHu6oIP++dQvK
MnemVWcfIzymNO8kvqeFWVprfFTOMG1pksgHQOagGQKBgQD7A+FBPuC/z6YWdsOe
DYcK9n4CI7fnQ7Oyjg/IUf13uGeNF9pPncz9pniHiIvAs6ZU+VYigZ3suFie85+I
QNAQbLLAic0mVxAQUjaG+FTbxC8mreSHQa1wy7WLeTAuNAQ5MCdOvK+E598Z2lux
DiP7lpLT+MvRuohNmS80bc1jGwKBgQDcaTdHcJ66joLWRXONYptFmtJ4MLhyL3Hq
Atbcd1/NMsTvgvvxyIEmSFEWJQxDxP0Y0PtIpmquAWtM2A2Jnb6srmdYDf6fgHcZ
Z1PEcZV1k740BAb8YeTo+MGsG+oRRgr+nCA+jJar/qrx8Lpi/kR8UzHfNI1hiH1y
deqQQa1nWQKBgFQPUZDi+KrjY/Bj51B3oUCnmT0oLv7wai4iauCfrG06QNs8IKzG
4I4VAIoKzRpETzBnq1O06mkKtwrL9SHQ6pyFejsGKsBrKYL9tSrv4KMUCOJAG6a7
9NQwM+S4Oc1POBbarF8uyuyMJedne4tIe/5Vx2fbCo56lAjAgtFg8AX/AoGAR97f
MaJdf8OckjYPWdj/fJDhdGOeoU0rPf0zBqy+RnD5mogBk3On+U23cxsdhrOjPAZZ
CfWJ77dyv5nrwCX52OD9vc7Cakw/ib8Rp4rKC47jhJ6TkJRzSixjKrXnez51s1RB
h2PcdbUTFNVEUadLuaZ/KqM+PsF89mfQ1r0zx/ECgYA+tHvpYP6pMwYUYwjTz1Ox
HIPqAtdK6/UlWfIk3Qd8EXgkah2T4brmtC3A6VQ0vEO8/yAzMJ817IKL75cAC83I
0W/vmzkH1teQLAqKiqYfkmVbGrTNiKVUKJ5MuWsFhhYKIANA4wqLvGNsylYkNkTY
hjqhigTiVWCNFSBRcRBSDQ==
-----END PRIVATE KEY-----
"""

    /// The same key's public half as joserfc exports it.
    static let publicKeyModulus = "2B6AX1exwn34UsrI5DdO00Im1E1faV3XzJHsIYQRVJ64zpeSyZDlORILbK7q8kJZ8jpFEZHuw1zDSv-gc8ugioMn8-OgcdD38OzzfC9wE32Xpd4W7gcV0TVlUcP5VYit5efmdaxEdvCRizwxJ9c8RFaPd6kcn6bTlrCKFlTnStjVfJzjo-UXJNd5foI7AbEmU9XQ7KQKCSP7m5xoHD0tLiTAkL2D63oMljBDzh3W1y1MQoWl91eU31N_xAxFRqfOkN_s9y3OvtkyCpiyi-3qbg8dQYKnCyUGprrf0IZLP6Vwj_QXdOJjy2kosTtZ0UXnHPlCDKUd4SekBEiNo4ZRYw"
    static let publicKeyExponent = "AQAB"
    static let publicKeySPKIPEM = """
-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA2B6AX1exwn34UsrI5DdO
00Im1E1faV3XzJHsIYQRVJ64zpeSyZDlORILbK7q8kJZ8jpFEZHuw1zDSv+gc8ug
ioMn8+OgcdD38OzzfC9wE32Xpd4W7gcV0TVlUcP5VYit5efmdaxEdvCRizwxJ9c8
RFaPd6kcn6bTlrCKFlTnStjVfJzjo+UXJNd5foI7AbEmU9XQ7KQKCSP7m5xoHD0t
LiTAkL2D63oMljBDzh3W1y1MQoWl91eU31N/xAxFRqfOkN/s9y3OvtkyCpiyi+3q
bg8dQYKnCyUGprrf0IZLP6Vwj/QXdOJjy2kosTtZ0UXnHPlCDKUd4SekBEiNo4ZR
YwIDAQAB
-----END PUBLIC KEY-----
"""
    static let publicKeyPKCS1PEM = """
-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEA2B6AX1exwn34UsrI5DdO00Im1E1faV3XzJHsIYQRVJ64zpeSyZDl
ORILbK7q8kJZ8jpFEZHuw1zDSv+gc8ugioMn8+OgcdD38OzzfC9wE32Xpd4W7gcV
0TVlUcP5VYit5efmdaxEdvCRizwxJ9c8RFaPd6kcn6bTlrCKFlTnStjVfJzjo+UX
JNd5foI7AbEmU9XQ7KQKCSP7m5xoHD0tLiTAkL2D63oMljBDzh3W1y1MQoWl91eU
31N/xAxFRqfOkN/s9y3OvtkyCpiyi+3qbg8dQYKnCyUGprrf0IZLP6Vwj/QXdOJj
y2kosTtZ0UXnHPlCDKUd4SekBEiNo4ZRYwIDAQAB
-----END RSA PUBLIC KEY-----
"""

    static let plaintext = #"{"number":"4111111111111111","name":"John Smith","verification_value":"123","month":"08","year":"2030"}"#

    /// joserfc's compact JWE of `plaintext` for this key, header {"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"joserfc-fixture-1"}.
    static let token = "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIiwia2lkIjoiam9zZXJmYy1maXh0dXJlLTEifQ.HlvcTFlTDfzHpyt7HVGGiZPoFQxubtqK4T3sp_triPMFnSeuI3eOn6NojOPW7hFNKZF_cwkfDArxriR2UXX5Z4JoagGbVOD-y5mgU74hPa8B9q0HVz6LDJYJEXDMavhzLEEktdF06hjkoKX2p_MHbv2z07yL4dVt8YkjSpyQmQv7lmXMacisKQXlpvjBDoKdqVujOL7R3aNZ7L4H5HUKxmthc28ikeHBGbmOWZcDN833K8l-oHAPbyhJJ2PxXKLrPJncwMYxCWgIxZ-DMvndEC2u_ahrsgqhaAuljHn6urJ0Mf5wymKa-VPa1PHOrB3kD4UWOqASJ8Zg-o2HUR6sUg.skOmYswpd4E66rdk.KsO6xpVLl9L82FEnkqrzCkW1NlsXBT4cg6kwZ29_4CSG3AHksVFQVLsbPlWywGXSUbv3nLO_Lln_Y7OTvl9RNk8gKl4kRdEu88_gw6BemEg2EZlLuXYgwZN3VOZC4wktGGXZ4ZR75A.tiMY4cgYL0XQSjlVmiVoZg"
}

enum SmallKeyFixture {
    /// A 1024-bit RSA key, which must be refused. TEST ONLY.
    static let privateKeyPEM = """
-----BEGIN PRIVATE KEY-----
MIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBALVJrHX+ZWauzTWo
gnfcTbQplWmGtkEqPw3ptO3Yb01gGXxUVWiG2ZLymDYViBsrRBI5Iw2+DMoi2JqS
ENqkbE/nC9pIDX4/L5owFRO7sDkOKm6dbY81gY1hQhepuQ9JKVqVz9swjq9Q5cHp
qF+ljeS2PEqib0gRTWET3Hze0/N5AgMBAAECgYA3q2kPTtCaqKERki6GWhtucLqW
Di0Xc76rKhJKW4VKUHFjEY6sq4RSsLZ3HUOPfEjKA8u046CPzgWP6bzNN2Ke3d6a
7GyAwZbqx3z6SUBUCdoZ1GuLZPH7JzLeqBhKPE9ZijJsXhZYKB+DPIsIisW879Sz
+UPootqjBpzFNSVrVQJBAOzzVSzQe8Hvr6RKukogNOP8jjSjFK/Ax/OgJuPUyBSQ
TBbNtfVNrcFJpMS4zcnutYMvGswPU9jfpj624HnTi6sCQQDD3L+8G+igl2Puvwsy
aQL0OtSCUPMHvS7KMwhH69r4ypeXN0jUYw5GiOa87fqGTUfh9oI6fJOMM81c+p4w
brlrAkEAhi7SaDt0KgJK6/Xpgvq0GPu3qDVGDLVWRi/GdjTUTVjdzfgWd+DSaegD
Z+fjmdwVbEGroi135RPZ+B/mBPd4WwJADU7hhEGNM+Q1eRJoC1vRRJD+wYAIk10K
YdjH1kMzVLZHSJIME8pLPQWuT+YHoLp9iN/8B0dRqzQV3xx0RSww0wJBAOqJIovG
jGLyZesSupQBJeYcotWjOO+fdsVOKBdT9Ek1N3a+Ilc8KDM3boJELqhNyjxX2rp1
0ne4ujfsyGVPIzg=
-----END PRIVATE KEY-----
"""
    static let publicKeySPKIPEM = """
-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1Sax1/mVmrs01qIJ33E20KZVp
hrZBKj8N6bTt2G9NYBl8VFVohtmS8pg2FYgbK0QSOSMNvgzKItiakhDapGxP5wva
SA1+Py+aMBUTu7A5DipunW2PNYGNYUIXqbkPSSlalc/bMI6vUOXB6ahfpY3ktjxK
om9IEU1hE9x83tPzeQIDAQAB
-----END PUBLIC KEY-----
"""
    static let publicKeyModulus = "tUmsdf5lZq7NNaiCd9xNtCmVaYa2QSo_Dem07dhvTWAZfFRVaIbZkvKYNhWIGytEEjkjDb4MyiLYmpIQ2qRsT-cL2kgNfj8vmjAVE7uwOQ4qbp1tjzWBjWFCF6m5D0kpWpXP2zCOr1DlwemoX6WN5LY8SqJvSBFNYRPcfN7T83k"
    static let publicKeyExponent = "AQAB"
}
