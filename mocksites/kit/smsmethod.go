package kit

import (
	"fmt"
	"net/http"
)

// purposeEnableSMS is the SMS purpose of the code that switches the SMS method on.
const purposeEnableSMS = "enable-sms"

// StartSMSMethod sends a code to phone to prove it before the SMS method is switched on
// for the signed-in account (Leaseweb's "SMS" choice).
func (k *Kit) StartSMSMethod(r *http.Request, phone string) error {
	if _, err := k.Status(r); err != nil {
		return err
	}
	return k.SendSMSCode(phone, purposeEnableSMS, "Your "+k.site.Title+" verification code is %s")
}

// EnableSMSMethod switches the SMS method on for the signed-in account when code is the
// one StartSMSMethod sent to phone; from then on SignIn sends a code to phone and
// SignInCode checks it. Errors: ErrWrongCode, ErrExpired. The NoConfirm defect accepts
// any code.
func (k *Kit) EnableSMSMethod(r *http.Request, phone, code string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	u, err := k.userLocked(r)
	if err != nil {
		return err
	}
	if err := k.checkSMSCodeLocked(phone, purposeEnableSMS, code); err != nil && !k.defects.Has(NoConfirm) {
		return fmt.Errorf("enable sms: %w", err)
	}
	u.method, u.phone, u.cred, u.since, u.pending, u.failures = MethodSMS, phone, nil, k.clock.Now(), nil, 0
	k.log.Info("2fa enabled", "method", MethodSMS, u.logAttr())
	return nil
}
