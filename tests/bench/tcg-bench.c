#include "../unit/tcg/tcg-test.h"
int main(void)
{
    return 0;
}
