/**
 * Who is signed in. The session lives in an HttpOnly cookie the page cannot read: the page asks
 * the server (`me`) once and keeps the answer until sign-in or sign-out. The API token typed on
 * the sign-in page is sent once and never kept (no localStorage).
 */
import { clearApiCache, gqlFresh } from "./client.js";
import { graphql, type ResultOf } from "./graphql.js";

const ME_QUERY = graphql(`
  query Me {
    me {
      id
      name
      role
      units {
        code
        nameVi
        nameEn
      }
      writableUnits {
        code
        nameVi
        nameEn
      }
    }
  }
`);

const SIGN_IN = graphql(`
  mutation SignIn($token: String!) {
    signIn(token: $token) {
      id
      name
    }
  }
`);

const SIGN_OUT = graphql(`
  mutation SignOut {
    signOut
  }
`);

export const MY_SESSIONS = graphql(`
  query MySessions {
    mySessions {
      id
      createdAt
      lastSeenAt
      expiresAt
      userAgent
      current
    }
  }
`);

export const REVOKE_SESSION = graphql(`
  mutation RevokeSession($id: Int!) {
    revokeSession(id: $id)
  }
`);

export type Me = NonNullable<ResultOf<typeof ME_QUERY>["me"]>;

let current: Promise<Me | null> | null = null;

/** The signed-in user, or null; asked once per page load (and after sign-in or sign-out). */
export function currentUser(): Promise<Me | null> {
  current ??= gqlFresh(ME_QUERY)
    .then(r => r.me)
    .catch(() => null);
  return current;
}

export async function signIn(token: string): Promise<Me | null> {
  await gqlFresh(SIGN_IN, { token });
  clearApiCache();
  current = null;
  return currentUser();
}

export async function signOut(): Promise<void> {
  try {
    await gqlFresh(SIGN_OUT);
  } finally {
    clearApiCache();
    current = Promise.resolve(null);
  }
}

/** Whether the user may write data (the reporting pages are for stewards and admins). */
export const mayReport = (me: Me | null): boolean =>
  me !== null && (me.role === "STEWARD" || me.role === "ADMIN");
