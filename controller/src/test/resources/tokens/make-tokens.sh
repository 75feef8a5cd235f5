#!/usr/bin/env bash
# Makes the QR tokens the tests check, with OpenSSL: an implementation independent of the agent's
# own code. Output: tokens.properties (name=token). Rerun after changing a claim below.
#   controller/src/test/resources/tokens/make-tokens.sh
set -euo pipefail
cd "$(dirname "$0")"
demo=../../../../../examples/keys/demo-signer.pem

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# sign KEY KID PAYLOAD [ALG]: a JWS compact serialization
sign() {
  local key=$1 kid=$2 payload=$3 alg=${4:-EdDSA}
  local h p sig
  h=$(printf '{"alg":"%s","kid":"%s","typ":"JWT"}' "$alg" "$kid" | b64url)
  p=$(printf '%s' "$payload" | b64url)
  printf '%s.%s' "$h" "$p" > input.tmp
  sig=$(openssl pkeyutl -sign -inkey "$key" -rawin -in input.tmp | b64url)
  rm -f input.tmp
  printf '%s.%s.%s' "$h" "$p" "$sig"
}

# The tests' clock stands at 2026-11-25T00:00:00Z = 1795564800.
claims() { # jti, extra JSON members
  printf '{"iss":"demo-consortium","sub":"patron-4711","jti":"%s","iat":1795564700,"exp":1795568400,"role":"patron","act":["exchange","borrow"]%s}' "$1" "${2:-}"
}

{
  echo "# made by make-tokens.sh with $(openssl version | cut -d' ' -f1-2); demo-2026 = examples/keys/demo-signer.pem"
  echo "valid=$(sign $demo demo-2026 "$(claims t-valid)")"
  echo "valid_second=$(sign $demo demo-2026 "$(claims t-second ',"max":1')")"
  echo "valid_rotated_key=$(sign rotated-key.pem rotated-2027 "$(claims t-rotated)")"
  echo "aud_device=$(sign $demo demo-2026 "$(claims t-aud-device ',"aud":"sim-box-1"')")"
  echo "aud_isil=$(sign $demo demo-2026 "$(claims t-aud-isil ',"aud":["nest-9","isil:DE-705"]')")"
  echo "aud_star=$(sign $demo demo-2026 "$(claims t-aud-star ',"aud":"*"')")"
  echo "aud_other=$(sign $demo demo-2026 "$(claims t-aud-other ',"aud":["nest-9","isil:DK-710100"]')")"
  echo "other_consortium=$(sign $demo demo-2026 "$(claims t-iss | sed 's/demo-consortium/other-consortium/')")"
  echo "expired=$(sign $demo demo-2026 "$(claims t-expired | sed 's/"exp":1795568400/"exp":1795564700/')")"
  echo "expired_within_skew=$(sign $demo demo-2026 "$(claims t-skew | sed 's/"exp":1795568400/"exp":1795564780/')")"
  echo "not_yet_valid=$(sign $demo demo-2026 "$(claims t-nbf ',"nbf":1795565000')")"
  echo "nbf_within_skew=$(sign $demo demo-2026 "$(claims t-nbf-skew ',"nbf":1795564820')")"
  echo "untrusted_key=$(sign untrusted-key.pem demo-2026 "$(claims t-untrusted)")"
  echo "unknown_kid=$(sign untrusted-key.pem someone-else "$(claims t-unknown-kid)")"
  echo "revoked_sub=$(sign $demo demo-2026 "$(claims t-revoked-sub | sed 's/patron-4711/patron-666/')")"
  echo "revoked_jti=$(sign $demo demo-2026 "$(claims t-revoked-jti)")"
  echo "wrong_alg=$(sign $demo demo-2026 "$(claims t-alg)" HS256)"
  echo "role_bad=$(sign $demo demo-2026 "$(claims t-role | sed 's/"role":"patron"/"role":"admin"/')")"
  echo "exp_string=$(sign $demo demo-2026 "$(claims t-exp-string | sed 's/"exp":1795568400/"exp":"1795568400"/')")"
  echo "act_not_list=$(sign $demo demo-2026 "$(claims t-act | sed 's/"act":\["exchange","borrow"\]/"act":"exchange"/')")"
  echo "pickup_no_door=$(sign $demo demo-2026 "$(claims t-pickup-nodoor | sed 's/"act":\["exchange","borrow"\]/"act":["pickup"]/')")"
  echo "pickup_door_02=$(sign $demo demo-2026 "$(claims t-pickup-02 ',"door":"02","hold":"H-1001"' | sed 's/"act":\["exchange","borrow"\]/"act":["pickup"]/')")"
  echo "pickup_door_99=$(sign $demo demo-2026 "$(claims t-pickup-99 ',"door":"99","hold":"H-1002"' | sed 's/"act":\["exchange","borrow"\]/"act":["pickup"]/')")"
  echo "load_only=$(sign $demo demo-2026 "$(claims t-load | sed 's/"act":\["exchange","borrow"\]/"act":["load"]/; s/"role":"patron"/"role":"staff"/')")"
  echo "duplicate_claim=$(sign $demo demo-2026 "$(claims t-dup ',"sub":"someone-else"')")"
  echo "exp_huge=$(sign $demo demo-2026 "$(claims t-exp-huge | sed 's/"exp":1795568400/"exp":1e308/')")"
  # commands (mqtt.md): an unlock that expired 50 s after it was issued, and one whose exp is no time at all
  echo "cmd_unlock_stale=$(sign $demo demo-2026 '{"jti":"c-stale","iat":1795564700,"exp":1795564750,"aud":"sim-box-1","cmd":"unlock","args":{"unit":"park-nest","door":"left","mode":"service"}}')"
  echo "cmd_exp_huge=$(sign $demo demo-2026 '{"jti":"c-huge","iat":1795564700,"exp":1e308,"aud":"sim-box-1","cmd":"status","args":{}}')"
} > tokens.properties
echo "wrote $(grep -c = tokens.properties) tokens to tokens.properties"
