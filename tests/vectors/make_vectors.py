#!/usr/bin/env python3
"""Independent TOP signature vectors, computed with Python's hashlib/hmac only.

Run: python3 tests/vectors/make_vectors.py > tests/vectors/top_signatures.json
The Rust tests read the JSON and must reproduce every string-to-sign, signature, URL query
and form body. Nothing here imports or calls the SDK.
"""
import hashlib
import hmac
import json
import urllib.parse


def string_to_sign(params):
    return "".join(k + v for k, v in sorted(params.items(), key=lambda kv: kv[0].encode()) if v != "")


def sign(params, secret, method):
    s = string_to_sign(params).encode()
    key = secret.encode()
    if method == "md5":
        return hashlib.md5(key + s + key).hexdigest().upper()
    digest = hashlib.md5 if method == "hmac" else hashlib.sha256
    return hmac.new(key, s, digest).hexdigest().upper()


def enc(pairs):
    return "&".join(urllib.parse.quote(k, safe="-_.~") + "=" + urllib.parse.quote(v, safe="-_.~") for k, v in pairs)


def compact(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


SECRET = "helloworld"
vectors = []

# The official md5 vector from the platform documentation, then the same parameters under HMAC.
official = {
    "method": "taobao.item.seller.get", "app_key": "12345678", "session": "test",
    "timestamp": "2016-01-01 12:00:00", "format": "json", "v": "2.0", "sign_method": "md5",
    "fields": "num_iid,title,nick,price,num", "num_iid": "11223344",
}
for m in ("md5", "hmac", "hmac-sha256"):
    p = dict(official, sign_method=m)
    vectors.append({"name": f"official params, {m}", "secret": SECRET, "sign_method": m, "params": p,
                    "string_to_sign": string_to_sign(p), "sign": sign(p, SECRET, m)})

# Chinese text, reserved characters, emoji and an empty optional value (not signed, not sent).
tricky = {
    "method": "alibaba.alsc.crm.point.extra.consume", "app_key": "12345678",
    "timestamp": "2024-02-29 00:00:00", "format": "json", "v": "2.0", "simplify": "true",
    "session": "", "reason": "积分补扣 a+b&c=d 😀", "empty_optional": "",
}
for m in ("md5", "hmac", "hmac-sha256"):
    p = dict(tricky, sign_method=m)
    vectors.append({"name": f"chinese and empty optional, {m}", "secret": "密钥secret", "sign_method": m, "params": p,
                    "string_to_sign": string_to_sign(p), "sign": sign(p, "密钥secret", m)})

# Full prepared requests for the three seed operations: the business object is compact JSON in
# the documentation's field order, system parameters in the URL, business ones in the body.
seeds = [
    ("alibaba.alsc.crm.point.extra.consume", "param_extra_consume_point_open_req", {
        "biz_channel": "CS", "brand_id": "32132", "change_point": 323, "customer_id": "7027365982937563912722",
        "operator_id": "33322123", "out_biz_id": "3231231312312", "reason": "积分补扣原因", "request_id": "323412",
        "shop_id": "3332312", "out_shop_id": "435632", "out_brand_id": "33959"}),
    ("alibaba.alsc.crm.recharge.dedut.update", "param_dedut_open_req", {
        "biz_date": "2019-07-04 15:32:17", "brand_id": "3742863742", "card_id": "7328763784623",
        "customer_id": "76328764276476256", "operator_id": "65673527", "outer_order_id": "766348726342638",
        "remark": "撒娇好的", "request_id": "78sd786a78d678as", "shop_id": "73527452", "value": 2000,
        "biz_channel": "CS", "out_brand_id": "12313", "out_shop_id": "3234",
        "ext_info": "{\"payModeId\":\"WX\", \"payModeName\":\"微信\"}"}),
    ("alibaba.alsc.crm.open.assert.refund", "param_property_refund_open_req", {
        "brand_id": "342343043", "mobile": "18651822226", "new_outer_order_id": "3439200320332",
        "operator_id": "23438993", "outer_id": "20883892193012033", "outer_order_id": "43923200230233",
        "outer_type": "alipay", "request_id": "232a283b23239c7823f23d23", "shop_id": "23829323",
        "voucher_id_list": ["123", "456"], "customer_id": "34342243"}),
]
requests = []
for method, wrapper, obj in seeds:
    for m in ("md5", "hmac", "hmac-sha256"):
        system = [("method", method), ("app_key", "12345678"), ("timestamp", "2016-01-01 12:00:00"), ("v", "2.0"),
                  ("sign_method", m), ("format", "json"), ("simplify", "true"), ("partner_id", "loyalty-sdk")]
        business = [(wrapper, compact(obj))]
        s = sign(dict(system + business), SECRET, m)
        requests.append({
            "method": method, "sign_method": m, "secret": SECRET, "epoch_millis": 1451620800000,
            "business_object": obj, "string_to_sign": string_to_sign(dict(system + business)), "sign": s,
            "url": "https://eco.taobao.com/router/rest?" + enc(system + [("sign", s)]),
            "body": enc(business),
        })

print(json.dumps({"generated_by": "tests/vectors/make_vectors.py (Python hashlib/hmac)",
                  "signatures": vectors, "requests": requests}, ensure_ascii=False, indent=1))
