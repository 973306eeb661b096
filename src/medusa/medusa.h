/* medusa.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medusa-answer-store.h"
#include "medusa-client.h"
#include "medusa-currency.h"
#include "medusa-customer-changes.h"
#include "medusa-enums.h"
#include "medusa-error.h"
#include "medusa-order-list.h"
#include "medusa-order-query.h"
#include "medusa-prefetch.h"
#include "medusa-types.h"
